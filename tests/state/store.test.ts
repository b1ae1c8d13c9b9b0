import { describe, expect, test } from 'vitest';
import { appStore } from '../../src/state/store';

/** Opens the 3D view at `size`, as its size buttons do. */
function openScene(size: 'docked' | 'half' | 'full'): void {
  appStore.setState((state) => ({ panes: { ...state.panes, sceneOpen: true, sceneSize: size } }));
}

/** Closes the 3D view as the tour and the followed parcel do: sceneOpen alone. */
function closeScene(): void {
  appStore.setState((state) => ({ panes: { ...state.panes, sceneOpen: false } }));
}

describe('the 3D view in the app store', () => {
  test('closing the full-screen view docks it, by a function or an object write', () => {
    openScene('full');
    closeScene();
    expect(appStore.getState().panes).toMatchObject({ sceneOpen: false, sceneSize: 'docked' });
    openScene('full');
    appStore.setState({ panes: { ...appStore.getState().panes, sceneOpen: false } });
    expect(appStore.getState().panes).toMatchObject({ sceneOpen: false, sceneSize: 'docked' });
  });

  test('open, or closed at half or docked, the view keeps its size', () => {
    openScene('full');
    expect(appStore.getState().panes.sceneSize).toBe('full');
    openScene('half');
    closeScene();
    expect(appStore.getState().panes.sceneSize).toBe('half');
    openScene('docked');
    closeScene();
    expect(appStore.getState().panes.sceneSize).toBe('docked');
  });

  test('a write that leaves the panes alone keeps the state it did not touch', () => {
    openScene('full');
    const panes = appStore.getState().panes;
    appStore.setState({ following: true });
    expect(appStore.getState().panes).toBe(panes);
    const state = appStore.getState();
    appStore.setState((current) => current);
    expect(appStore.getState()).toBe(state);
  });
});
