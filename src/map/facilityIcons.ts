/**
 * Facility markers: one shape per facility kind, drawn once into a small canvas atlas at start
 * (a data URL, so nothing is fetched). White masks, tinted per facility by backlog.
 * Shapes by FACILITY_KINDS index: fulfillment center square, sortation center diamond,
 * delivery station circle, carrier hub triangle.
 */
import type { IconLayerProps } from '@deck.gl/layers';

type IconMapping = Exclude<IconLayerProps['iconMapping'], string | undefined>;

const CELL_PX = 64;
export const FACILITY_ICON_NAMES = ['square', 'diamond', 'circle', 'triangle'] as const;

/** The marker shapes as one image and where each sits in it. */
export interface FacilityIcons {
  atlas: string;
  mapping: IconMapping;
}

export function createFacilityIconAtlas(): FacilityIcons {
  const canvas = document.createElement('canvas');
  canvas.width = CELL_PX * FACILITY_ICON_NAMES.length;
  canvas.height = CELL_PX;
  const context = canvas.getContext('2d');
  const mapping: IconMapping = {};
  FACILITY_ICON_NAMES.forEach((name, index) => {
    mapping[name] = { x: index * CELL_PX, y: 0, width: CELL_PX, height: CELL_PX, mask: true };
  });
  if (!context) return { atlas: canvas.toDataURL(), mapping };
  context.fillStyle = '#fff';
  const inset = 6;
  const size = CELL_PX - inset * 2;
  const draw = (index: number, path: (x: number, y: number) => void) => {
    context.beginPath();
    path(index * CELL_PX + inset, inset);
    context.closePath();
    context.fill();
  };
  draw(0, (x, y) => context.rect(x + 4, y + 4, size - 8, size - 8));
  draw(1, (x, y) => {
    context.moveTo(x + size / 2, y);
    context.lineTo(x + size, y + size / 2);
    context.lineTo(x + size / 2, y + size);
    context.lineTo(x, y + size / 2);
  });
  draw(2, (x, y) => context.arc(x + size / 2, y + size / 2, size / 2 - 4, 0, Math.PI * 2));
  draw(3, (x, y) => {
    context.moveTo(x + size / 2, y + 2);
    context.lineTo(x + size, y + size - 4);
    context.lineTo(x, y + size - 4);
  });
  return { atlas: canvas.toDataURL(), mapping };
}

/**
 * Backlog colour: hours of work queued (backlog / hourly throughput) from green (none) through
 * yellow (2 h) to vermillion (8 h or more). Writes RGBA into `out`.
 */
export function writeBacklogColor(
  out: [number, number, number, number],
  backlogParcels: number,
  throughputPerHour: number,
): [number, number, number, number] {
  const hours = backlogParcels <= 0 ? 0 : backlogParcels / Math.max(1, throughputPerHour);
  const t = Math.min(1, hours / 8);
  // green (0,158,115) -> yellow (240,228,66) -> vermillion (213,94,0)
  if (t < 0.25) {
    const u = t / 0.25;
    out[0] = 0 + (240 - 0) * u;
    out[1] = 158 + (228 - 158) * u;
    out[2] = 115 + (66 - 115) * u;
  } else {
    const u = (t - 0.25) / 0.75;
    out[0] = 240 + (213 - 240) * u;
    out[1] = 228 + (94 - 228) * u;
    out[2] = 66 + (0 - 66) * u;
  }
  out[3] = 235;
  return out;
}
