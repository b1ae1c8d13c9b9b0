/** Horizontal bars for categories (carriers, promise classes): label, bar, formatted value. */
import * as d3 from 'd3';

export interface Bar {
  key: string;
  label: string;
  value: number;
  color: string;
  /** Shown on hover: the counts behind a rate, say. */
  detail?: string;
  /**
   * Said in place of the bar and the value when the value is not a number, e.g. "none due":
   * the value column's dash and the target tick alone read like a figure that failed to load.
   */
  emptyText?: string;
}

export function BarList({
  bars,
  format,
  domainMax,
  target,
  testId,
}: {
  bars: Bar[];
  format: (value: number) => string;
  /** The bar scale's upper end (1 for rates); defaults to the largest value. */
  domainMax?: number;
  /** A reference value drawn across every bar (e.g. the on-time target). */
  target?: number;
  testId?: string;
}) {
  const finite = bars.map((bar) => (Number.isFinite(bar.value) ? bar.value : 0));
  const scale = d3.scaleLinear([0, domainMax ?? Math.max(1e-9, ...finite)], [0, 100]).clamp(true);
  return (
    <ul className="bar-list" data-testid={testId}>
      {bars.map((bar) => (
        <li key={bar.key} className="bar-row bar-row--static" title={bar.detail}>
          <span className="bar-label">
            <span className="swatch swatch--line" style={{ background: bar.color }} />
            {bar.label}
          </span>
          {bar.emptyText && !Number.isFinite(bar.value) ? (
            // Across the track and the value: the rail's two-column lists leave the track ~2 rem.
            <span className="bar-empty" data-testid="bar-empty" data-key={bar.key}>
              {bar.emptyText}
            </span>
          ) : (
            <>
              <span className="bar-track">
                <span
                  className="bar-fill"
                  style={{
                    width: `${Number.isFinite(bar.value) ? scale(bar.value) : 0}%`,
                    background: bar.color,
                  }}
                />
                {target !== undefined && (
                  <span className="bar-target" style={{ left: `${scale(target)}%` }} />
                )}
              </span>
              <b className="bar-value" data-key={bar.key}>
                {format(bar.value)}
              </b>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
