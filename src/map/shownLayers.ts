/**
 * Which of the map's layers deck.gl is handed. deck.gl initialises every layer it is handed,
 * hidden or not: it compiles the layer's shaders and fills its attributes. In software WebGL
 * (SwiftShader, no GPU) a shader program costs the page's opening a second or more, and the map
 * opens at national zoom with several layers hidden (service areas, streets, storms). So a layer
 * joins the list the first time it shows, and from then on stays in it, hidden by `visible`,
 * so toggling it again costs nothing.
 */
import type { Layer } from '@deck.gl/core';

/**
 * A filter over the full stack of layers, in order, that keeps those shown now or ever before
 * (by id). One per map: it remembers what that map has shown.
 */
export function createShownLayerFilter(): (candidates: readonly Layer[]) => Layer[] {
  const shownIds = new Set<string>();
  return (candidates) =>
    candidates.filter((layer) => {
      if (layer.props.visible) shownIds.add(layer.id);
      return shownIds.has(layer.id);
    });
}
