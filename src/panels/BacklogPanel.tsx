/**
 * The facilities with the largest queues now, sorted, with their type. Clicking one selects it
 * (the map and the other panels follow); the selected one is marked.
 */
import * as d3 from 'd3';
import { useMemo } from 'react';
import { simView } from '../state/simClient';
import { select } from '../state/store';
import { useAppStore } from '../state/useAppStore';
import { FACILITY_COLORS, FACILITY_LABELS, toCss } from '../ui/palette';
import { topFacilities } from './aggregate';
import { describeModelled, formatRealParcels, useRealScale } from '../ui/realVolume';
import { useKpiVersion } from './useKpiVersion';

const ROWS = 8;

export function BacklogPanel() {
  const version = useKpiVersion();
  const selection = useAppStore((state) => state.selection);
  const scale = useRealScale();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the tick is mutable; version says when it changed
  const ranked = useMemo(() => {
    const backlog = simView.currentTick?.facilities.backlogParcels;
    return backlog ? topFacilities(backlog, ROWS) : [];
  }, [version]);
  const facilities = simView.network?.facilities ?? [];
  const barScale = d3.scaleLinear([0, ranked[0]?.value ?? 1], [0, 100]);
  return (
    <figure className="chart" data-testid="panel-backlog">
      <figcaption>
        <span className="chart-title">Backlog by facility</span>
        <span className="chart-unit">parcels queued now</span>
      </figcaption>
      {ranked.length === 0 ? (
        <p className="empty-state">Facilities with queued parcels are listed here, largest first.</p>
      ) : (
        <ol className="bar-list">
          {ranked.map((row) => {
            const facility = facilities[row.id];
            const selected = selection?.kind === 'facility' && selection.id === row.id;
            return (
              <li key={row.id}>
                <button
                  type="button"
                  className={`bar-row ${selected ? 'bar-row--selected' : ''}`}
                  onClick={() => select(selected ? null : { kind: 'facility', id: row.id })}
                  title={`${facility?.name ?? ''}: ${FACILITY_LABELS[facility?.kind ?? 0]} · ${facility?.metro ?? ''}; ${describeModelled(row.value, scale)} queued`}
                >
                  <span className="bar-label bar-label--wrap">
                    <span
                      className="swatch swatch--dot"
                      style={{ background: toCss(FACILITY_COLORS[facility?.kind ?? 0]) }}
                    />
                    {facility?.name ?? `#${row.id}`}
                  </span>
                  <span className="bar-track">
                    <span className="bar-fill" style={{ width: `${barScale(row.value)}%` }} />
                  </span>
                  <b className="bar-value">{formatRealParcels(row.value, scale)}</b>
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </figure>
  );
}
