/** "Fly to a facility by name": a search box over the network's facility names. */
import { useId, useState } from 'react';
import { simView } from '../state/simClient';
import { select } from '../state/store';
import { useAppStore } from '../state/useAppStore';
import { flyToFacility } from './SelectionCard';

export function FacilitySearch() {
  const ready = useAppStore((state) => state.worker.phase === 'ready');
  const selection = useAppStore((state) => state.selection);
  const [query, setQuery] = useState('');
  const [message, setMessage] = useState('');
  // A new selection (this search's, a click on the map, Clear) leaves no stale name in the box:
  // state adjusted during render when the selection changes, as React recommends over an effect.
  const [shownFor, setShownFor] = useState(selection);
  if (shownFor !== selection) {
    setShownFor(selection);
    setQuery('');
    setMessage('');
  }
  const listId = useId();
  const facilities = ready ? (simView.network?.facilities ?? []) : [];

  function go(name: string) {
    const wanted = name.trim().toLowerCase();
    if (!wanted) return;
    const facility =
      facilities.find((candidate) => candidate.name.toLowerCase() === wanted) ??
      facilities.find((candidate) => candidate.name.toLowerCase().includes(wanted));
    if (!facility) {
      setMessage(`No facility named “${name}”`);
      return;
    }
    setMessage('');
    select({ kind: 'facility', id: facility.id });
    flyToFacility(facility.id);
  }

  return (
    <form
      className="facility-search"
      aria-label="Fly to a facility"
      onSubmit={(event) => {
        event.preventDefault();
        go(query);
      }}
    >
      <input
        type="search"
        list={listId}
        placeholder={ready ? 'Fly to a facility…' : 'Loading facilities…'}
        disabled={!ready}
        value={query}
        aria-label="Fly to a facility by name"
        onChange={(event) => setQuery(event.currentTarget.value)}
        data-testid="facility-search"
      />
      <datalist id={listId}>
        {facilities.map((facility) => (
          <option key={facility.id} value={facility.name} />
        ))}
      </datalist>
      {message && (
        <span className="search-message" role="status">
          {message}
        </span>
      )}
    </form>
  );
}
