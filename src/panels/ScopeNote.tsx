import type { DeliveryScope } from './deliveryScope';

/** Says whose parcels a delivery panel shows while a facility is selected; nothing for the network. */
export function ScopeNote({ scope }: { scope: DeliveryScope }) {
  if (!scope.facility) return null;
  return (
    <p className="scope-note" data-testid="scope-note">
      Parcels through <b>{scope.facility.name}</b> · {scope.facility.kindLabel}
    </p>
  );
}
