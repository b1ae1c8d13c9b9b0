import { useStore } from 'zustand';
import { type AppState, appStore } from './store';

/** Subscribes a component to one slice of the app store. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
