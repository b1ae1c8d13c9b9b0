/**
 * A TripsLayer that reads the display clock itself when it draws, so time passing costs no new
 * layer, no prop diff and no attribute work: per frame the page only asks deck.gl to redraw.
 * Each layer's timestamps are seconds since its own `epochS`, which keeps the 32-bit GPU floats
 * small (sub-second precision) however long the run is.
 */
import type { DefaultProps } from '@deck.gl/core';
import { TripsLayer, type TripsLayerProps } from '@deck.gl/geo-layers';
import { PathLayer } from '@deck.gl/layers';

export interface SimClock {
  /** Display time in absolute sim seconds. */
  timeS: number;
}

type ClockedProps = {
  clock: SimClock;
  /** Absolute sim second that timestamp 0 of this layer's data stands for. */
  epochS: number;
  /** Called each time the layer draws trips to the screen (not to the picking buffer); none by default. */
  onTripsDrawn: (() => void) | null;
};

export type ClockedTripsLayerProps = TripsLayerProps & ClockedProps;

const defaultProps: DefaultProps<ClockedTripsLayerProps> = {
  ...TripsLayer.defaultProps,
  clock: { type: 'object', value: { timeS: 0 }, compare: false },
  epochS: { type: 'number', value: 0 },
  onTripsDrawn: { type: 'function', value: null, optional: true },
};

export class ClockedTripsLayer extends TripsLayer<unknown, ClockedProps> {
  static override layerName = 'ClockedTripsLayer';
  static override defaultProps = defaultProps;

  /** Reused every draw: the uniforms TripsLayer's shader module reads. */
  private readonly tripsUniforms = { fadeTrail: true, trailLength: 0, currentTime: 0 };

  override draw(params: Parameters<TripsLayer['draw']>[0]): void {
    const { clock, epochS, fadeTrail, trailLength } = this.props;
    this.tripsUniforms.fadeTrail = fadeTrail;
    this.tripsUniforms.trailLength = trailLength;
    this.tripsUniforms.currentTime = clock.timeS - epochS;
    const model = this.state.model as { shaderInputs: { setProps(props: object): void } } | undefined;
    model?.shaderInputs.setProps({ trips: this.tripsUniforms });
    // Skips TripsLayer.draw, which would overwrite the uniforms from props.currentTime.
    PathLayer.prototype.draw.call(this, params);
    const { onTripsDrawn, data } = this.props;
    const isPicking = (params.shaderModuleProps as { picking?: { isActive?: unknown } } | undefined)?.picking
      ?.isActive;
    if (onTripsDrawn && !isPicking && ((data as { length?: number }).length ?? 0) > 0) onTripsDrawn();
  }
}
