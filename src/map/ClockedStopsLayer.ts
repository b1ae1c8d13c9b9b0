/**
 * Points that show and fill by the display clock on the GPU, as ClockedTripsLayer's trails do.
 * Each point carries three times (seconds since its layer's `epochS`): shown from, filled from,
 * hidden after. Door stops (DoorStopsLayer) show from their vehicle's departure to the trip's end
 * and fill from the arrival at the door; a vehicle standing at a door (VehiclesLayer) shows from
 * its arrival to its departure. Time passing costs a redraw, no attribute work.
 */
import type { DefaultProps } from '@deck.gl/core';
import { ScatterplotLayer, type ScatterplotLayerProps } from '@deck.gl/layers';
import type { SimClock } from './ClockedTripsLayer';

const doorStopsUniformBlock = `\
layout(std140) uniform doorStopsUniforms {
  float currentTime;
} doorStops;
`;

/** The shader module carrying the clock, relative to the layer's epoch. */
const doorStopsUniforms = {
  name: 'doorStops',
  vs: doorStopsUniformBlock,
  fs: doorStopsUniformBlock,
  uniformTypes: { currentTime: 'f32' },
} as const;

const injections = {
  'vs:#decl': `\
in vec3 instanceStopTimes;
`,
  // After the scatterplot shader has placed the point and set its colours.
  'vs:#main-end': `\
float now = doorStops.currentTime;
if (now < instanceStopTimes.x || now > instanceStopTimes.z) {
  gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
}
vFillColor.a *= now >= instanceStopTimes.y ? 1.0 : 0.0;
`,
};

type ClockedProps = {
  clock: SimClock;
  /** Absolute sim second that time 0 of this layer's stop times stands for. */
  epochS: number;
};

export type ClockedStopsLayerProps = ScatterplotLayerProps & ClockedProps;

const defaultProps: DefaultProps<ClockedStopsLayerProps> = {
  ...ScatterplotLayer.defaultProps,
  clock: { type: 'object', value: { timeS: 0 }, compare: false },
  epochS: { type: 'number', value: 0 },
};

export class ClockedStopsLayer extends ScatterplotLayer<unknown, ClockedProps> {
  static override layerName = 'ClockedStopsLayer';
  static override defaultProps = defaultProps;

  private readonly stopUniforms = { currentTime: 0 };

  override getShaders() {
    const shaders = super.getShaders();
    return { ...shaders, inject: injections, modules: [...shaders.modules, doorStopsUniforms] };
  }

  override initializeState(): void {
    super.initializeState();
    // Stop times come only as a binary attribute (data.attributes.getStopTimes).
    this.getAttributeManager()?.addInstanced({
      instanceStopTimes: { size: 3, accessor: 'getStopTimes', defaultValue: [0, 0, 0] },
    });
  }

  override draw(params: Parameters<ScatterplotLayer['draw']>[0]): void {
    const { clock, epochS } = this.props;
    this.stopUniforms.currentTime = clock.timeS - epochS;
    const model = this.state.model as { shaderInputs: { setProps(props: object): void } } | undefined;
    model?.shaderInputs.setProps({ doorStops: this.stopUniforms });
    super.draw(params);
  }
}
