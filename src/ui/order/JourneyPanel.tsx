/**
 * The followed order's journey, stage by stage against its promise: a bar of the stages on one
 * time axis with the promise deadline marked, then each stage with its times, what it took
 * against what it takes with nothing in the way, and — where it cost time — why (the model's
 * explainJourney, put into words by journeyWords). Updated at tick rate; the parcel's place on
 * the map is orderTracking's job.
 */
import { useEffect, useMemo, useReducer } from 'react';
import type { Journey, JourneyStage } from '../../sim/journey';
import { getFollowedOrder, getPlacedOrder, getPlacedOrderSpec } from '../../state/orders';
import { onTick, simView } from '../../state/simClient';
import { setOrderUi } from '../../state/store';
import { useAppStore } from '../../state/useAppStore';
import { PROMISE_LABELS } from '../../panels/carriers';
import { formatSimClock } from '../format';
import { CARRIER_LABELS, describeCause, getStageLabel, REASON_LABELS } from './journeyWords';
import { ReplicaVerdict } from './ReplicaVerdict';

/** "35 min", "6.2 h", "2.1 days". */
export function formatDuration(seconds: number): string {
  const abs = Math.abs(seconds);
  if (abs < 3600) return `${Math.round(abs / 60)} min`;
  if (abs < 72 * 3600) return `${(abs / 3600).toFixed(1)} h`;
  return `${(abs / 86400).toFixed(1)} days`;
}

function facilityName(id: number): string {
  return id >= 0 ? (simView.network?.facilities[id]?.name ?? `facility ${id}`) : '';
}

function verdict(journey: Journey): { text: string; tone: 'ok' | 'late' | 'pending' } {
  if (journey.delivered) {
    return journey.isLate
      ? { text: `Delivered ${formatDuration(journey.lateS)} late`, tone: 'late' }
      : { text: `Delivered ${formatDuration(-journey.lateS)} before the promise`, tone: 'ok' };
  }
  return journey.isLate
    ? { text: `On its way, already ${formatDuration(journey.lateS)} past the promise`, tone: 'late' }
    : { text: 'On its way', tone: 'pending' };
}

/** What a stage's row needs of the run: its calendar, and its scale for queues at real volume. */
interface RunFacts {
  startDayOfYear: number | null;
  scale: number;
}

function StageRow({ stage, costly, run }: { stage: JourneyStage; costly: boolean; run: RunFacts }) {
  const { startDayOfYear, scale } = run;
  const where =
    stage.toFacility >= 0
      ? `${facilityName(stage.facility)} → ${facilityName(stage.toFacility)}`
      : facilityName(stage.facility);
  return (
    <li
      className={`journey-stage journey-stage--${stage.status}${costly ? ' journey-stage--costly' : ''}`}
      data-testid="journey-stage"
      data-kind={stage.kind}
      data-status={stage.status}
      data-start-s={stage.startS ?? ''}
      data-end-s={stage.endS ?? ''}
      data-costly={costly}
    >
      <div className="journey-stage__head">
        <b>{getStageLabel(stage)}</b>
        <span className="journey-stage__time">
          {stage.durationS === null
            ? 'not yet'
            : `${formatDuration(stage.durationS)}${stage.status === 'inProgress' ? ' so far' : ''} · nominal ${formatDuration(stage.expectedS)}`}
        </span>
      </div>
      {where && <div className="journey-stage__where">{where}</div>}
      {stage.startS !== null && (
        <div className="journey-stage__where">
          {formatSimClock(stage.startS, startDayOfYear)}
          {stage.endS !== null ? ` → ${formatSimClock(stage.endS, startDayOfYear)}` : ''}
        </div>
      )}
      {stage.causes.length > 0 && (
        <ul className="journey-causes">
          {stage.causes.map((cause) => (
            <li key={cause.kind} data-testid="journey-cause" data-kind={cause.kind}>
              {describeCause(cause, scale)}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The stages on one axis from the order to the later of the promise and the door (or now). */
function JourneyBar({ journey, startDayOfYear }: { journey: Journey; startDayOfYear: number | null }) {
  const endS = Math.max(
    journey.promiseDeadlineS,
    ...journey.stages.map((stage) => stage.endS ?? stage.startS ?? journey.orderedS),
  );
  const spanS = Math.max(1, endS - journey.orderedS);
  const costly = new Set(journey.costliestStages);
  const at = (timeS: number) => `${(100 * (timeS - journey.orderedS)) / spanS}%`;
  return (
    <div className="journey-bar" aria-hidden="true">
      {journey.stages.map((stage, index) =>
        stage.startS === null ? null : (
          <span
            // biome-ignore lint/suspicious/noArrayIndexKey: stages are a fixed sequence per order
            key={index}
            className={`journey-bar__stage journey-bar__stage--${stage.kind}${costly.has(stage) ? ' journey-bar__stage--costly' : ''}`}
            style={{
              left: at(stage.startS),
              width: `${(100 * Math.max(0, (stage.endS ?? stage.startS) - stage.startS)) / spanS}%`,
            }}
            title={`${getStageLabel(stage)}: ${stage.durationS === null ? '' : formatDuration(stage.durationS)}`}
          />
        ),
      )}
      <span
        className="journey-bar__deadline"
        style={{ left: at(journey.promiseDeadlineS) }}
        title={`Promise: ${formatSimClock(journey.promiseDeadlineS, startDayOfYear)}`}
      />
    </div>
  );
}

export function JourneyPanel() {
  const followedKey = useAppStore((state) => state.order.followedKey);
  const tracking = useAppStore((state) => state.order.tracking);
  const stagesOpen = useAppStore((state) => state.order.stagesOpen);
  const startDayOfYear = useAppStore((state) => state.params?.startDayOfYear ?? null);
  const scale = useAppStore((state) => state.params?.scale ?? 1);
  const run = useMemo(() => ({ startDayOfYear, scale }), [startDayOfYear, scale]);
  const [, refresh] = useReducer((count: number) => count + 1, 0);
  useEffect(() => onTick(refresh), []);
  if (followedKey === null) return null;
  const followed = getFollowedOrder();
  const close = (
    <button
      type="button"
      className="icon-button"
      aria-label="Stop following this order"
      onClick={() => setOrderUi({ followedKey: null })}
    >
      ×
    </button>
  );
  if (!followed) {
    const placed = getPlacedOrder(followedKey);
    const shownS = simView.currentTick?.timeS ?? 0;
    return (
      <section className="panel journey-panel" aria-label="Your order" data-testid="journey-panel">
        <h3>
          Your order
          {close}
        </h3>
        <p className="empty-state">
          {placed && shownS <= placed.orderedS
            ? `The order enters the model at ${formatSimClock(placed.orderedS, startDayOfYear)}; its journey follows.`
            : 'The order is not in the run at the time on screen: moving the clock back before it was placed takes it out.'}
        </p>
      </section>
    );
  }
  const { journey, trace, placed } = followed;
  const asked = getPlacedOrderSpec(followed.orderKey)?.promise ?? null;
  const { text, tone } = verdict(journey);
  const costly = new Set(journey.costliestStages);
  return (
    <section
      className="panel journey-panel"
      aria-label="Your order"
      data-testid="journey-panel"
      data-delivered={journey.delivered}
      data-late={journey.isLate}
    >
      <h3>
        Your order
        {close}
      </h3>
      <p className={`journey-verdict journey-verdict--${tone}`} data-testid="journey-verdict">
        {text}
      </p>
      <ReplicaVerdict orderKey={followed.orderKey} journey={journey} />
      <dl className="kpi-pairs">
        <dt>Ordered</dt>
        <dd>{formatSimClock(journey.orderedS, startDayOfYear)}</dd>
        <dt>Promise</dt>
        <dd data-testid="journey-promise">
          {PROMISE_LABELS[trace.promise] ?? trace.promise} · by{' '}
          {formatSimClock(journey.promiseDeadlineS, startDayOfYear)}
          {asked && asked !== trace.promise && (
            <span className="journey-asked">
              asked for {PROMISE_LABELS[asked] ?? asked}: the storefront promises the fastest this order's
              path can keep
            </span>
          )}
        </dd>
        <dt>Route</dt>
        <dd>
          {facilityName(placed.originFc)} → {facilityName(placed.stationId)}
        </dd>
        {trace.lastMile && (
          <>
            <dt>To the door</dt>
            <dd data-testid="journey-carrier">
              {CARRIER_LABELS[trace.lastMile.carrier] ?? trace.lastMile.carrier}
              {REASON_LABELS[trace.lastMile.reason] ? ` · ${REASON_LABELS[trace.lastMile.reason]}` : ''}
            </dd>
          </>
        )}
      </dl>
      <JourneyBar journey={journey} startDayOfYear={startDayOfYear} />
      <p className="journey-bar-caption">
        Order → {journey.delivered ? 'door' : 'now'}, stage by stage; the white line is the promise
        {journey.isLate ? ', red outlines the stages that made it late' : ''}.
      </p>
      {journey.isLate && journey.costliestStages.length > 0 && (
        <p className="journey-blame" data-testid="journey-blame">
          Late because of:{' '}
          {journey.costliestStages.map((stage) => getStageLabel(stage).toLowerCase()).join('; ')}
        </p>
      )}
      <details
        className="journey-details"
        open={stagesOpen}
        onToggle={(event) => {
          const open = event.currentTarget.open;
          if (open !== stagesOpen) setOrderUi({ stagesOpen: open });
        }}
      >
        <summary>Stage by stage</summary>
        <ol className="journey-stages">
          {journey.stages.map((stage, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: stages are a fixed sequence per order
            <StageRow key={index} stage={stage} costly={costly.has(stage)} run={run} />
          ))}
        </ol>
      </details>
      <button
        type="button"
        aria-pressed={tracking}
        data-testid="journey-follow"
        onClick={() => setOrderUi({ tracking: !tracking })}
      >
        {tracking ? 'Following the parcel' : 'Follow the parcel'}
      </button>
    </section>
  );
}
