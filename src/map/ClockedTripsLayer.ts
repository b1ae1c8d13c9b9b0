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
  /**
   * Absolute sim seconds of the first departure and the last arrival among the layer's trips:
   * before the one and a trail's length after the other none of them shows, and the layer draws
   * nothing. Its paths would otherwise be rasterised whole with every fragment discarded, which
   * software WebGL pays for on the CPU: at full scale the page holds the next hours' trips (the
   * worker's lead, up to a whole morning's van waves) long before their vans leave.
   */
  activeFromS: number;
  activeUntilS: number;
};

export type ClockedTripsLayerProps = TripsLayerProps & ClockedProps;

/**
 * Appended to TripsLayer's vertex shader: a segment wholly outside the time window (it starts
 * after the clock, or ended before the trail's tail) is moved out of the clip volume, so it
 * makes no fragments. TripsLayer itself discards such fragments one by one in the fragment
 * shader, after the whole path was rasterised, and software WebGL pays for every one on the CPU.
 * Full scale, national view, 600x, SwiftShader: the graphics process's longest frame in 28 s of
 * play 5.9 s before, 2.6-4.3 s after (most of what is left is not these fragments). The discard
 * stays for the segment the window cuts through.
 */
const CULL_SEGMENTS_OUTSIDE_WINDOW = `
if (instanceTimestamps > trips.currentTime ||
    (trips.fadeTrail && instanceNextTimestamps < trips.currentTime - trips.trailLength)) {
  gl_Position = vec4(0.0, 0.0, 2.0, 1.0);
}
`;

const defaultProps: DefaultProps<ClockedTripsLayerProps> = {
  ...TripsLayer.defaultProps,
  clock: { type: 'object', value: { timeS: 0 }, compare: false },
  epochS: { type: 'number', value: 0 },
  onTripsDrawn: { type: 'function', value: null, optional: true },
  activeFromS: { type: 'number', value: Number.NEGATIVE_INFINITY },
  activeUntilS: { type: 'number', value: Number.POSITIVE_INFINITY },
};

export class ClockedTripsLayer extends TripsLayer<unknown, ClockedProps> {
  static override layerName = 'ClockedTripsLayer';
  static override defaultProps = defaultProps;

  /** Reused every draw: the uniforms TripsLayer's shader module reads. */
  private readonly tripsUniforms = { fadeTrail: true, trailLength: 0, currentTime: 0 };

  override getShaders() {
    const shaders = super.getShaders();
    const inject = shaders.inject as Record<string, string>;
    return {
      ...shaders,
      inject: { ...inject, 'vs:#main-end': `${inject['vs:#main-end'] ?? ''}${CULL_SEGMENTS_OUTSIDE_WINDOW}` },
    };
  }

  override draw(params: Parameters<TripsLayer['draw']>[0]): void {
    const { clock, epochS, fadeTrail, trailLength, activeFromS, activeUntilS } = this.props;
    if (clock.timeS < activeFromS || clock.timeS > activeUntilS + trailLength) return;
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
