/**
 * "Against the real network": scenario A's figures over its last day beside the real-world ones
 * `npm run validate` checks (realNetworkComparison.ts), so a stakeholder asking "is this like the
 * real network?" has the answer on the page. One summary line always; the table behind a
 * disclosure, so the panels below keep their place.
 */
import { useId, useMemo, useState } from 'react';
import { FULFILLMENT_CENTER } from '../sim/kinds';
import { defaultParams } from '../sim/params';
import { channelA } from '../state/simClient';
import { useAppStore } from '../state/useAppStore';
import { describeChangesFromScenario } from '../ui/paramChanges';
import { useRunMarks } from '../ui/useRunMarks';
import {
  describeComparisonCaveat,
  getRealNetworkComparison,
  type RealNetworkMark,
  type RealNetworkRow,
} from './realNetworkComparison';
import { useKpiRowsVersion } from './useKpiRowsVersion';

const MARK_TEXT: Record<RealNetworkMark, string> = {
  within: '✓',
  above: '✗ above',
  below: '✗ below',
  none: 'no figure',
};

export function RealNetworkPanel() {
  const version = useKpiRowsVersion();
  const params = useAppStore((state) => state.params);
  const compareActive = useAppStore((state) => state.compare.active);
  const [open, setOpen] = useState(false);
  const tableId = useId();
  const history = channelA.kpiHistory;
  const hours = history.hours;
  const marks = useRunMarks(hours * 3600);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the KPI history is mutable; its version says when it changed
  const comparison = useMemo(() => {
    if (!params) return null;
    const network = channelA.view.network;
    const fulfillmentCenterCount = network
      ? network.facilities.filter((facility) => facility.kind === FULFILLMENT_CENTER).length
      : params.fulfillmentCenterCount;
    return getRealNetworkComparison(history, params, fulfillmentCenterCount);
  }, [version, params, history]);
  const caveat = useMemo(() => {
    if (!params || comparison?.kind !== 'rows') return { text: '', changes: '' };
    const [fromS, toS] = [comparison.window[0] * 3600, comparison.window[1] * 3600];
    const peak = marks.peaks.find((period) => period.startS < toS && period.endS > fromS);
    // Against the defaults, not the preset: the real figures are the calibrated ordinary week's.
    const changes = [
      describeChangesFromScenario(params, undefined),
      params.networkEdits !== defaultParams().networkEdits ? 'the network (edits)' : '',
    ]
      .filter(Boolean)
      .join('; ');
    return { text: describeComparisonCaveat(peak?.label ?? null, changes !== ''), changes };
  }, [comparison, marks.peaks, params]);
  if (!comparison) return null;
  return (
    <section
      className="panel real-network"
      aria-label="Against the real network"
      data-testid="panel-real-network"
    >
      <h3>Against the real network{compareActive && <span className="kpi-note">scenario A</span>}</h3>
      {comparison.kind === 'waiting' ? (
        <p className="real-network-summary" data-testid="real-network-waiting">
          {comparison.text}
        </p>
      ) : (
        <>
          <button
            type="button"
            className="real-network-toggle"
            aria-expanded={open}
            aria-controls={tableId}
            onClick={() => setOpen((value) => !value)}
            data-testid="real-network-toggle"
          >
            <span aria-hidden="true">{open ? '▾' : '▸'}</span>{' '}
            <span data-testid="real-network-summary">{comparison.summary}</span>
          </button>
          {compareActive && (
            <p className="kpi-note real-network-note" data-testid="real-network-scenario">
              Scenario A's run; B is not compared with the real network here.
            </p>
          )}
          {caveat.text && (
            <p
              className="kpi-note real-network-note"
              data-testid="real-network-caveat"
              title={caveat.changes ? `Changed: ${caveat.changes}` : undefined}
            >
              {caveat.text}
            </p>
          )}
          {open && (
            // A by-design reason holds for the calibrated ordinary week only: where the run changed
            // parameters or is in a peak, the caveat above is the reason it differs.
            <RealNetworkTable id={tableId} rows={comparison.rows} showWhy={!caveat.text} />
          )}
        </>
      )}
    </section>
  );
}

function RealNetworkTable({
  id,
  rows,
  showWhy,
}: {
  id: string;
  rows: readonly RealNetworkRow[];
  showWhy: boolean;
}) {
  return (
    <table className="mini-table real-network-table" id={id} data-testid="real-network-table">
      <thead>
        <tr>
          <th scope="col">Figure, and the real one</th>
          <th scope="col">Model</th>
          <th scope="col">
            <span className="visually-hidden">Within the real range</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.kpi} data-testid="real-network-row" data-kpi={row.kpi} data-mark={row.mark}>
            <th scope="row">
              {row.figure}
              <span className="real-network-source">
                real: {row.realText}{' '}
                <abbr className="real-network-confidence" title={`Confidence: ${row.confidenceMeaning}`}>
                  {row.confidence}
                </abbr>
              </span>
              {showWhy && row.whyItMisses && (
                <span className="real-network-why" data-testid="real-network-why">
                  Why: {row.whyItMisses}
                </span>
              )}
            </th>
            <td data-value={row.value} title={`Within tolerance: ${row.toleranceText}`}>
              {row.valueText}
            </td>
            <td className={`real-network-mark real-network-mark--${row.mark}`}>{MARK_TEXT[row.mark]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
