/**
 * Keeps a 3D failure inside the pane: a renderer that cannot start (no WebGL, a driver error)
 * shows a message there instead of taking the page down.
 */
import { Component, type ReactNode } from 'react';

/**
 * Whether the browser has WebGL at all. Deliberately does not create a probe context: that costs
 * seconds under software rendering and counts against the page's live-context cap; a context
 * that then fails to start is caught by SceneErrorBoundary instead.
 */
export function isWebGLAvailable(): boolean {
  return typeof WebGL2RenderingContext !== 'undefined' || typeof WebGLRenderingContext !== 'undefined';
}

export class SceneErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (this.state.error) {
      return (
        <div className="fc-scene-message" data-testid="scene-message" role="alert">
          <p>The 3D view could not start: {this.state.error.message}. The map and panels keep working.</p>
        </div>
      );
    }
    return this.props.children;
  }
}
