/**
 * The parts of an A / B / B − A table the compare panel and the network edit's panel share: its
 * head, and the B − A cell coloured by which way is better.
 */
import { LATE_COLOR, MUTED_COLOR, ON_TIME_COLOR, toCss } from '../ui/palette';
import { formatHours, formatPercent } from '../ui/format';

/** The head of an A / B / B − A table; `first` names the rows' column. */
export function CompareTableHead({ first }: { first: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col">A</th>
        <th scope="col">B</th>
        <th scope="col">B − A</th>
      </tr>
    </thead>
  );
}

/**
 * A difference of shares in percentage points: "0.4 pt" (not "0.4%", a share of the share), in
 * hundredths under a tenth, so 98.8% against 98.9% reads "+0.04 pt", not "0.0%".
 */
export function formatPointsDelta(share: number): string {
  const points = share * 100;
  // Hundredths only for a difference there is: no difference reads "0.0 pt", not "0.00 pt".
  const hundredths = Math.abs(points) < 0.095 && Math.abs(points) >= 0.005;
  return `${points.toFixed(hundredths ? 2 : 1)} pt`;
}

/** A difference of hours; in minutes under a tenth of an hour (27.8 h against 27.7 h read "0.0 h"). */
export function formatHoursDelta(hours: number): string {
  return Math.abs(hours) < 0.095 ? `${Math.round(hours * 60)} min` : formatHours(hours);
}

/** How a difference of figures shown by `format` is shown: in points for shares, minutes for short hours. */
export function getDeltaFormat(format: (value: number) => string): (value: number) => string {
  if (format === formatPercent) return formatPointsDelta;
  if (format === formatHours) return formatHoursDelta;
  return format;
}

/** Whether a B − A difference favours B, A or neither (a dash or nothing the row's format shows). */
export type DeltaTone = 'good' | 'bad' | 'none';

/**
 * What a B − A cell shows: the difference signed, in the row's format, and its tone. A
 * difference that rounds to nothing in that format reads as none, unsigned and uncoloured: a
 * vermillion "+0.0 h" claimed B slower by a figure the cell does not show.
 */
export function describeDelta(
  delta: number,
  format: (value: number) => string,
  higherIsBetter: boolean,
): { text: string; tone: DeltaTone } {
  if (!Number.isFinite(delta)) return { text: '–', tone: 'none' };
  const magnitude = getDeltaFormat(format)(Math.abs(delta));
  if (!/[1-9]/.test(magnitude)) return { text: magnitude, tone: 'none' };
  return {
    text: `${delta > 0 ? '+' : '−'}${magnitude}`,
    tone: delta > 0 === higherIsBetter ? 'good' : 'bad',
  };
}

const TONE_CLASS: Record<DeltaTone, string> = { good: 'delta-good', bad: 'delta-bad', none: '' };
/** A difference's tone drawn in a chart: a bar that rounds to no change is grey, as its figure reads. */
export const TONE_COLOR: Record<DeltaTone, string> = {
  good: toCss(ON_TIME_COLOR),
  bad: toCss(LATE_COLOR),
  none: toCss(MUTED_COLOR),
};

/**
 * A B − A cell: signed, in the row's format, green where B is better and vermillion where worse
 * (`higherIsBetter` says which way that is); a dash when either side has no figure yet
 * (describeDelta).
 */
export function DeltaCell({
  delta,
  format,
  higherIsBetter,
  testId,
}: {
  delta: number;
  format: (value: number) => string;
  higherIsBetter: boolean;
  testId?: string;
}) {
  const { text, tone } = describeDelta(delta, format, higherIsBetter);
  return (
    <td className={TONE_CLASS[tone]} data-testid={testId} data-value={Number.isFinite(delta) ? delta : ''}>
      {text}
    </td>
  );
}
