/**
 * Keeps a 3D failure inside the pane: a renderer that cannot start (no WebGL, a driver error)
 * shows a message there instead of taking the page down.
 */
import { Component, type ReactNode } from 'react';

/** Whether the browser gives this page a WebGL context at all (checked once, before mounting). */
export function isWebGLAvailable(): boolean {
  try {
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    if (!context) return false;
    // Free the probe's context at once: browsers cap live contexts per page.
    context.getExtension('WEBGL_lose_context')?.loseContext();
    return true;
  } catch {
    return false;
  }
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
