/** "Fly to a facility by name": a search box over the network's facility names. */
import { useId, useState } from 'react';
import { simView } from '../state/simClient';
import { select } from '../state/store';
import { useAppStore } from '../state/useAppStore';
import { HeaderMessage } from './Notices';
import { flyToFacility } from './SelectionCard';

export function FacilitySearch() {
  const phase = useAppStore((state) => state.worker.phase);
  // A run whose worker stopped for good keeps its network on screen, and flying needs no model.
  const networkShown = phase === 'ready' || phase === 'error';
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
  const facilities = networkShown ? (simView.network?.facilities ?? []) : [];
  const searchable = facilities.length > 0;

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
        placeholder={
          searchable ? 'Fly to a facility…' : phase === 'error' ? 'No network loaded' : 'Loading facilities…'
        }
        disabled={!searchable}
        value={query}
        aria-label="Fly to a facility by name"
        onChange={(event) => {
          setQuery(event.currentTarget.value);
          // "No facility named …" answers the name searched for, not the one being typed.
          setMessage('');
        }}
        data-testid="facility-search"
      />
      <datalist id={listId}>
        {facilities.map((facility) => (
          <option key={facility.id} value={facility.name} />
        ))}
      </datalist>
      {message && (
        <HeaderMessage>
          <span className="search-message" role="status">
            {message}
          </span>
        </HeaderMessage>
      )}
    </form>
  );
}
