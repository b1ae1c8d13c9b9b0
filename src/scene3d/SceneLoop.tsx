/**
 * The per-frame parts inside the canvas: the animator (advances the director, writes instance
 * matrices, asks for the next frame only while something moves and the pane is visible) and the
 * label projector (moves the DOM labels to their areas when the camera or the size changed).
 */
import { addAfterEffect, useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { Vector3 } from 'three';
import { appStore } from '../state/store';
import { AREA_NAMES, type FcLayout } from './fcLayout';
import type { FcSceneDirector } from './fcSceneDirector';
import type { FcSceneObjects } from './fcSceneObjects';
import { BEACON_TOP_M, type FollowedTote } from './followedTote';
import { createLabelPlacementBuffers, placeLabel, reserveBox, resetPlacement } from './labelPlacement';

/** Running figures the container publishes as data attributes (for the e2e suite and the bench). */
export interface SceneStats {
  frames: number;
  /** Sum of main-thread ms spent in the animator's frame work. */
  cpuMsSum: number;
  /** Draw calls of the last frame rendered. */
  drawCalls: number;
  /** Sum of main-thread ms from the animator's callback to the end of the render (CPU side). */
  frameMsSum: number;
  /** performance.now() at the animator's callback of the frame being rendered, or 0. */
  frameStartMs: number;
}

/**
 * Frame spacing while only the scene's own motion needs frames, ms (~30 fps: robots cross a cell
 * in half a second). Camera drags and preset moves invalidate directly and stay at display rate.
 */
export const ANIMATION_FRAME_MS = 33;

export function Animator({
  director,
  objects,
  visibleRef,
  statsRef,
}: {
  director: FcSceneDirector;
  objects: FcSceneObjects;
  visibleRef: React.RefObject<boolean>;
  statsRef: React.RefObject<SceneStats>;
}) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    // After every rendered frame: the whole frame's main-thread time, useFrame to gl.render.
    const removeAfterEffect = addAfterEffect(() => {
      const stats = statsRef.current;
      if (stats.frameStartMs > 0) {
        stats.frameMsSum += performance.now() - stats.frameStartMs;
        stats.frameStartMs = 0;
      }
    });
    return () => {
      removeAfterEffect();
      if (timer.current !== null) clearTimeout(timer.current);
    };
  }, [statsRef]);
  useFrame((state, deltaS) => {
    const started = performance.now();
    statsRef.current.frameStartMs = started;
    const moving = director.advance(deltaS, appStore.getState().playback.playing);
    objects.writeFrame();
    const stats = statsRef.current;
    stats.frames++;
    stats.cpuMsSum += performance.now() - started;
    // info.render counts the previous frame: the one before this callback's render.
    stats.drawCalls = state.gl.info.render.calls;
    if (moving && visibleRef.current && timer.current === null) {
      timer.current = setTimeout(() => {
        timer.current = null;
        state.invalidate();
      }, ANIMATION_FRAME_MS);
    }
  });
  return null;
}

/** Label order of precedence when they compete for room: indices into AREA_NAMES. */
const LABEL_PRIORITY = ['pick', 'robotFloor', 'outbound', 'pack', 'slam', 'inbound'].map((name) =>
  AREA_NAMES.indexOf(name as (typeof AREA_NAMES)[number]),
);

/** Height of the "Your order" label's anchor above the floor, m: just over the beacon's diamond. */
const FOLLOWED_LABEL_Y_M = BEACON_TOP_M + 1.3;

/**
 * Moves the DOM labels to their areas (labelPlacement: never over one another, the pane's
 * overlays or its edges) when the camera, the pane's size, the followed order or the labels'
 * texts changed (`textVersion`, bumped by the tick handler: a longer figure needs more room).
 */
export function LabelProjector({
  layout,
  labelRefs,
  overlayRefs,
  textVersion,
  followed,
  followedLabelRef,
}: {
  layout: FcLayout;
  labelRefs: React.RefObject<(HTMLDivElement | null)[]>;
  /** The pane's own overlays (name, camera buttons, footnote): labels keep off them. */
  overlayRefs: React.RefObject<(HTMLElement | null)[]>;
  textVersion: React.RefObject<number>;
  /** The followed order's place: its label goes first, the area labels make way for it. */
  followed: FollowedTote;
  followedLabelRef: React.RefObject<HTMLDivElement | null>;
}) {
  const cache = useMemo(
    () => ({
      point: new Vector3(),
      matrix: new Float32Array(16),
      width: 0,
      height: 0,
      followedVersion: -1,
      textVersion: -1,
      // Overlays, the order's label and the areas' labels.
      buffers: createLabelPlacementBuffers(AREA_NAMES.length + 8),
      box: new Float32Array(2),
    }),
    [],
  );
  useFrame(({ camera, size }) => {
    const m = camera.matrixWorld.elements;
    let same =
      size.width === cache.width &&
      size.height === cache.height &&
      followed.version === cache.followedVersion &&
      textVersion.current === cache.textVersion;
    for (let i = 0; i < 16 && same; i++) same = cache.matrix[i] === m[i];
    if (same) return;
    cache.matrix.set(m);
    cache.width = size.width;
    cache.height = size.height;
    cache.followedVersion = followed.version;
    cache.textVersion = textVersion.current;
    const buffers = cache.buffers;
    resetPlacement(buffers);
    // Sizes and overlay boxes are read only here, when something that moves labels changed.
    const overlays = overlayRefs.current;
    for (let k = 0; k < overlays.length; k++) {
      const overlay = overlays[k];
      if (!overlay || overlay.hidden || overlay.offsetWidth === 0) continue;
      reserveBox(
        buffers,
        overlay.offsetLeft,
        overlay.offsetTop,
        overlay.offsetLeft + overlay.offsetWidth,
        overlay.offsetTop + overlay.offsetHeight,
      );
    }
    const followedLabel = followedLabelRef.current;
    if (followedLabel) {
      if (followed.stage === null) {
        followedLabel.style.visibility = 'hidden';
      } else {
        const p = followed.position;
        cache.point.set(p[0], FOLLOWED_LABEL_Y_M, p[2]).project(camera);
        const { x, y, z } = cache.point;
        if (z > 1 || x < -1.05 || x > 1.05 || y < -1.05 || y > 1.05) {
          followedLabel.style.visibility = 'hidden';
        } else {
          // Its pointer marks the parcel: straight above it, kept inside the pane, first claim.
          const w = followedLabel.offsetWidth;
          const h = followedLabel.offsetHeight;
          const left = Math.min(size.width - w, Math.max(0, ((x + 1) / 2) * size.width - w / 2));
          const top = Math.min(size.height - h, Math.max(0, ((1 - y) / 2) * size.height - h));
          reserveBox(buffers, left, top, left + w, top + h);
          followedLabel.style.visibility = 'visible';
          followedLabel.style.transform = `translate(${left}px, ${top}px)`;
        }
      }
    }
    const labels = labelRefs.current;
    for (const i of LABEL_PRIORITY) {
      const label = labels[i];
      if (!label) continue;
      const anchor = layout.areaAnchors[AREA_NAMES[i]];
      cache.point.set(anchor[0], anchor[1], anchor[2]).project(camera);
      const { x, y, z } = cache.point;
      const placed =
        z <= 1 &&
        x >= -1.05 &&
        x <= 1.05 &&
        y >= -1.05 &&
        y <= 1.05 &&
        placeLabel(
          buffers,
          ((x + 1) / 2) * size.width,
          ((1 - y) / 2) * size.height,
          label.offsetWidth,
          label.offsetHeight,
          size.width,
          size.height,
          cache.box,
        );
      label.style.visibility = placed ? 'visible' : 'hidden';
      if (placed) label.style.transform = `translate(${cache.box[0]}px, ${cache.box[1]}px)`;
    }
  });
  return null;
}
