/**
 * The selected fulfillment center in 3D: robots, pick and pack, SLAM, sorter and docks, moved by
 * the model's facility state. Loaded lazily by ScenePane, so three.js and r3f stay out of the
 * initial bundle.
 *
 * Rendering is on demand: a frame is drawn when the camera moves, a tick arrives, or something in
 * the scene is moving while the pane is visible and playback runs. Per-frame work (robot steps,
 * instance matrices, label positions) happens in useFrame on plain objects; ticks write the label
 * figures straight into the DOM. React renders this component when it mounts, when the facility
 * changes and when the WebGL context is lost or restarted, never per tick or per frame.
 */
import { Canvas, type RootState } from '@react-three/fiber';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Raycaster, Vector2 } from 'three';
import { getFollowedOrder } from '../state/orders';
import { onTick, simView } from '../state/simClient';
import { appStore } from '../state/store';
import { CAMERA_PRESET_NAMES, FOLLOWED_ORDER_VIEW, getCameraPresets } from './cameraPresets';
import { type CameraRequest, CameraRig } from './CameraRig';
import { SCENE_COLORS } from './fcFixtures';
import { AREA_NAMES, type AreaName } from './fcLayout';
import { describeRobotRatio } from './fcQuantities';
import { FcSceneDirector } from './fcSceneDirector';
import { createFcSceneObjects, type HoverKind } from './fcSceneObjects';
import { describeHover } from './hoverText';
import { isWebGLAvailable, SceneErrorBoundary } from './SceneErrorBoundary';
import { Animator, LabelProjector, type SceneStats } from './SceneLoop';
import { formatCount } from '../ui/format';
import { describeModelled, formatRealParcelCount } from '../ui/realVolume';
import './FulfillmentCenterScene.css';

const AREA_TITLES: Record<AreaName, string> = {
  inbound: 'Inbound docks',
  robotFloor: 'Robot floor',
  pick: 'Pick stations',
  pack: 'Pack line',
  slam: 'SLAM & sort',
  outbound: 'Outbound docks',
};

/** The label figures a tick writes, by data-testid. */
type FigureId =
  | 'scene-robots-busy'
  | 'scene-robots-total'
  | 'scene-robot-ratio'
  | 'scene-pick-queue'
  | 'scene-pack-queue'
  | 'scene-throughput'
  | 'scene-packed'
  | 'scene-trailers'
  | 'scene-trailer-fill'
  | 'scene-dock-doors'
  | 'scene-status';

export interface FulfillmentCenterSceneProps {
  /** Facility id of a fulfillment center (kind 0) in simView.network. */
  facilityId: number;
}

/** Facility `id`'s dock doors in the model as of the tick on screen; 12 before the first tick. */
function getModelDockDoors(id: number): number {
  return simView.currentTick?.facilities.dockDoors[id] || 12;
}

export default function FulfillmentCenterScene({ facilityId }: FulfillmentCenterSceneProps) {
  // The FC's outbound doors in the model: the floor plan draws them, so a docks edit (or the first
  // tick of another FC) builds the view anew. Changes a few times a run at most, never per frame.
  const [outboundDoors, setOutboundDoors] = useState(() => getModelDockDoors(facilityId));
  const director = useMemo(() => {
    void facilityId; // One director per facility: a new FC starts from its own first tick.
    return new FcSceneDirector({ outboundDoors });
  }, [facilityId, outboundDoors]);
  const objects = useMemo(() => createFcSceneObjects(director), [director]);
  useEffect(() => () => objects.dispose(), [objects]);
  const [aspect] = useState(() => {
    const body = document.querySelector('.scene-body');
    return body ? body.clientWidth / Math.max(1, body.clientHeight) : 3;
  });
  const presets = useMemo(() => getCameraPresets(director.layout, aspect), [director, aspect]);
  const cameraRequest = useMemo<CameraRequest>(() => ({ preset: null }), []);
  const containerRef = useRef<HTMLDivElement>(null);
  const labelRefs = useRef<(HTMLDivElement | null)[]>([]);
  /** The name, the camera buttons and the footnote: the labels keep off them. */
  const overlayRefs = useRef<(HTMLElement | null)[]>([]);
  /** Bumped when a tick rewrites the labels' figures: their sizes may have changed. */
  const labelTextVersion = useRef(0);
  const figureRefs = useRef<Partial<Record<FigureId, HTMLElement | null>>>({});
  const tooltipRef = useRef<HTMLDivElement>(null);
  const followedLabelRef = useRef<HTMLDivElement>(null);
  const followedTextRef = useRef<HTMLSpanElement>(null);
  const followedButtonRef = useRef<HTMLButtonElement>(null);
  const rootStateRef = useRef<RootState | null>(null);
  const visibleRef = useRef(true);
  const statsRef = useRef<SceneStats>({
    frames: 0,
    cpuMsSum: 0,
    drawCalls: 0,
    frameMsSum: 0,
    frameStartMs: 0,
  });
  // Renders of this component (the production build has no Profiler timings): the tick path and
  // the frame path must not add any.
  const rendersRef = useRef(0);
  rendersRef.current++;
  const [contextLost, setContextLost] = useState(false);
  const [canvasKey, setCanvasKey] = useState(0);
  const webGL = useMemo(() => isWebGLAvailable(), []);
  // Where the map found WebGL drawn in software (softwareWebgl.ts), multisampling would cost the
  // CPU the model needs too: edges go unsmoothed there, as on the map.
  const [antialias] = useState(() => !appStore.getState().drawing.software);
  const facility = simView.network?.facilities[facilityId];

  // Ticks: new targets for the director, figures straight into the labels, one frame.
  useEffect(() => {
    const figures = figureRefs.current;
    const setText = (id: FigureId, text: string, value?: number) => {
      const element = figures[id];
      if (!element) return;
      element.textContent = text;
      if (value !== undefined) element.dataset.value = String(value);
    };
    // Parcel figures at real volume; the modelled count (data-value) in the hover title.
    const setParcels = (id: FigureId, modelled: number, scale: number) => {
      setText(id, formatRealParcelCount(modelled, scale), modelled);
      const element = figures[id];
      if (element) element.title = describeModelled(modelled, scale);
    };
    const apply = () => {
      const tick = simView.currentTick;
      const container = containerRef.current;
      if (!tick || !container) return;
      const modelDoors = tick.facilities.dockDoors[facilityId];
      if (modelDoors > 0 && modelDoors !== director.outboundDoors) {
        setOutboundDoors(modelDoors);
        return;
      }
      director.applyTick(tick.facilities, facilityId, simView.params ?? { scale: 0.01 });
      const q = director.quantities;
      const scale = simView.params?.scale ?? 1;
      setText('scene-robots-busy', formatCount(q.robotsBusy), q.robotsBusy);
      setText('scene-robots-total', formatCount(q.robotsTotal), q.robotsTotal);
      setText('scene-robot-ratio', describeRobotRatio(q.robotsPerInstance) ?? '1 robot shown = 1 drive unit');
      setParcels('scene-pick-queue', q.pickQueueParcels, scale);
      setParcels('scene-pack-queue', q.packQueueParcels, scale);
      setParcels('scene-throughput', q.throughputPerHour, scale);
      setParcels('scene-packed', q.packedParcels, scale);
      setText('scene-trailers', formatCount(q.trailersAtDock), q.trailersAtDock);
      setText('scene-trailer-fill', `${Math.round(q.trailerFill * 100)}%`, q.trailerFill);
      const drawnDoors = director.layout.outboundDoorX.length;
      setText(
        'scene-dock-doors',
        drawnDoors < director.outboundDoors
          ? `${formatCount(director.outboundDoors)} (${formatCount(drawnDoors)} drawn)`
          : formatCount(drawnDoors),
        director.outboundDoors,
      );
      setText(
        'scene-status',
        'Parcel figures at real volume, as in the header; robots are real drive units.',
      );
      labelTextVersion.current++;
      container.dataset.tickTimeS = String(tick.timeS);
      container.dataset.robotInstances = String(q.robotInstances);
      container.dataset.robotsPerInstance = String(q.robotsPerInstance);
      container.dataset.robotsMoving = String(director.traffic.moving);
      container.dataset.reactRenders = String(rendersRef.current);
      applyFollowedOrder();
      const stats = statsRef.current;
      if (stats.frames > 0) {
        container.dataset.frameCpuMs = (stats.cpuMsSum / stats.frames).toFixed(3);
        container.dataset.frameTotalMs = (stats.frameMsSum / stats.frames).toFixed(3);
        container.dataset.drawCalls = String(stats.drawCalls);
        container.dataset.frames = String(stats.frames);
      }
      rootStateRef.current?.invalidate();
    };
    // "Your order": the followed parcel while it is in this FC. Its label carries the test hooks
    // (data-testid, data-stage) only while the highlight shows.
    let writtenLabel: HTMLDivElement | null = null;
    const applyFollowedOrder = () => {
      const changed = director.applyFollowedOrder(getFollowedOrder(), facilityId);
      const label = followedLabelRef.current;
      const text = followedTextRef.current;
      // A restarted canvas brings a new label element: write it even if the place held.
      if (!label || !text || (!changed && label === writtenLabel)) return;
      writtenLabel = label;
      const followed = director.followed;
      if (followedButtonRef.current) followedButtonRef.current.hidden = followed.stage === null;
      if (followed.stage === null) {
        label.removeAttribute('data-testid');
        label.removeAttribute('data-stage');
        label.removeAttribute('data-slot');
        text.textContent = '';
        return;
      }
      label.dataset.testid = 'scene-followed-tote';
      label.dataset.stage = followed.stage;
      label.dataset.slot = String(followed.slot);
      text.textContent = followed.describe();
    };
    apply();
    const removeTickListener = onTick(apply);
    // A new followed order (placed, or picked from a list) shows before the next tick.
    const removeStoreListener = appStore.subscribe((state, previous) => {
      if (state.order.followedKey === previous.order.followedKey || !simView.currentTick) return;
      applyFollowedOrder();
      rootStateRef.current?.invalidate();
    });
    return () => {
      removeTickListener();
      removeStoreListener();
    };
  }, [director, facilityId]);

  // Render only while the pane is on screen and the page is visible.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let intersecting = true;
    const update = () => {
      const visible = intersecting && document.visibilityState === 'visible';
      if (visible && !visibleRef.current) rootStateRef.current?.invalidate();
      visibleRef.current = visible;
    };
    const observer = new IntersectionObserver((entries) => {
      intersecting = entries.some((entry) => entry.isIntersecting);
      update();
    });
    observer.observe(container);
    document.addEventListener('visibilitychange', update);
    return () => {
      observer.disconnect();
      document.removeEventListener('visibilitychange', update);
    };
  }, []);

  // Hover: raycast the few meshes that answer, at most every 40 ms; the box is plain DOM.
  const hover = useMemo(() => ({ raycaster: new Raycaster(), pointer: new Vector2(), lastMs: 0 }), []);
  function handlePointerMove(event: React.PointerEvent<HTMLDivElement>) {
    const state = rootStateRef.current;
    const tooltip = tooltipRef.current;
    if (!state || !tooltip || event.timeStamp - hover.lastMs < 40) return;
    hover.lastMs = event.timeStamp;
    const rect = state.gl.domElement.getBoundingClientRect();
    hover.pointer.set(
      ((event.clientX - rect.left) / rect.width) * 2 - 1,
      -((event.clientY - rect.top) / rect.height) * 2 + 1,
    );
    hover.raycaster.setFromCamera(hover.pointer, state.camera);
    const hit = hover.raycaster.intersectObjects(objects.hoverTargets, false)[0];
    const text =
      hit?.instanceId === undefined
        ? null
        : describeHover(
            director,
            hit.object.userData.hover as HoverKind,
            hit.instanceId,
            hit.object.userData.areas,
            hit.point.z,
            simView.params?.scale ?? 1,
          );
    if (!text) {
      tooltip.hidden = true;
      return;
    }
    tooltip.hidden = false;
    tooltip.textContent = text;
    tooltip.style.transform = `translate(${event.clientX - rect.left + 14}px, ${event.clientY - rect.top + 14}px)`;
  }

  if (!webGL) {
    return (
      <p className="empty-state" data-testid="scene-message">
        The 3D view needs WebGL, which this browser has turned off or does not offer. The map and panels work
        without it.
      </p>
    );
  }

  return (
    <div
      ref={containerRef}
      className="fc-scene"
      data-testid="fc-scene"
      data-facility-id={facilityId}
      data-robot-instances={0}
      onPointerMove={handlePointerMove}
      onPointerLeave={() => {
        if (tooltipRef.current) tooltipRef.current.hidden = true;
      }}
    >
      {contextLost && (
        <div className="fc-scene-message" data-testid="scene-message" role="alert">
          <p>
            The 3D view lost its graphics context (the GPU was reset or is busy with other pages); it comes
            back when the browser restores it. The model keeps running.
          </p>
          <button
            type="button"
            onClick={() => {
              setContextLost(false);
              setCanvasKey((key) => key + 1);
            }}
          >
            Restart the 3D view
          </button>
        </div>
      )}
      <SceneErrorBoundary>
        <Canvas
          key={canvasKey}
          frameloop="demand"
          dpr={1}
          gl={{ antialias, powerPreference: 'high-performance' }}
          camera={{ fov: 40, near: 0.5, far: 1500, position: [...presets.overview.position] }}
          onCreated={(state) => {
            rootStateRef.current = state;
            // The canvas stays mounted through a loss: three.js rebuilds its GL state when the
            // context is restored, and the camera, the selection and the scene are still here.
            state.gl.domElement.addEventListener('webglcontextlost', (event) => {
              // Cancelled, or the browser would not give the context back.
              event.preventDefault();
              setContextLost(true);
            });
            state.gl.domElement.addEventListener('webglcontextrestored', () => {
              setContextLost(false);
              state.invalidate();
            });
          }}
        >
          <color attach="background" args={[SCENE_COLORS.background]} />
          <hemisphereLight args={['#e6eef7', '#1d2835', 2.2]} />
          <directionalLight position={[80, 140, 60]} intensity={2.2} />
          <Animator director={director} objects={objects} visibleRef={visibleRef} statsRef={statsRef} />
          <primitive object={objects.root} dispose={null} />
          <CameraRig
            presets={presets}
            request={cameraRequest}
            followed={director.followed}
            onMoved={(preset) => {
              if (containerRef.current) containerRef.current.dataset.cameraPreset = preset;
            }}
          />
          <LabelProjector
            layout={director.layout}
            labelRefs={labelRefs}
            overlayRefs={overlayRefs}
            textVersion={labelTextVersion}
            followed={director.followed}
            followedLabelRef={followedLabelRef}
          />
        </Canvas>
      </SceneErrorBoundary>
      {!contextLost && (
        <>
          <div className="fc-scene-labels" aria-live="off">
            {AREA_NAMES.map((area, index) => (
              <div
                key={area}
                className="fc-scene-label"
                data-area={area}
                ref={(element) => {
                  labelRefs.current[index] = element;
                }}
              >
                <strong>{AREA_TITLES[area]}</strong>
                <AreaFigures area={area} figureRefs={figureRefs} />
              </div>
            ))}
            <div
              ref={followedLabelRef}
              className="fc-scene-label fc-scene-label--followed"
              aria-live="polite"
            >
              <strong>Your order</strong>
              <span ref={followedTextRef} />
            </div>
          </div>
          <div
            className="fc-scene-header"
            ref={(element) => {
              overlayRefs.current[0] = element;
            }}
          >
            <span className="fc-scene-name">{facility ? `${facility.name} · ${facility.metro}` : ''}</span>
            <span
              className="fc-scene-ratio"
              data-testid="scene-robot-ratio"
              ref={(element) => {
                figureRefs.current['scene-robot-ratio'] = element;
              }}
            />
          </div>
          <nav
            className="fc-scene-presets"
            aria-label="Camera presets"
            ref={(element) => {
              overlayRefs.current[1] = element;
            }}
          >
            {CAMERA_PRESET_NAMES.map((name) => (
              <button
                key={name}
                type="button"
                data-testid={`scene-preset-${name}`}
                onClick={() => {
                  cameraRequest.preset = name;
                  rootStateRef.current?.invalidate();
                }}
              >
                {presets[name].label}
              </button>
            ))}
            <button
              ref={followedButtonRef}
              type="button"
              className="fc-scene-followed-button"
              data-testid="scene-preset-followedOrder"
              hidden={director.followed.stage === null}
              onClick={() => {
                cameraRequest.preset = FOLLOWED_ORDER_VIEW;
                rootStateRef.current?.invalidate();
              }}
            >
              Your order
            </button>
          </nav>
          <p
            className="fc-scene-footnote"
            ref={(element) => {
              figureRefs.current['scene-status'] = element;
              overlayRefs.current[2] = element;
            }}
          />
          <div ref={tooltipRef} className="fc-scene-tooltip" data-testid="scene-tooltip" hidden />
        </>
      )}
    </div>
  );
}

/** The live figures of one area's label; the spans are filled by the tick handler. */
function AreaFigures({
  area,
  figureRefs,
}: {
  area: AreaName;
  figureRefs: React.RefObject<Partial<Record<FigureId, HTMLElement | null>>>;
}) {
  const figure = (id: FigureId) => (
    <span
      data-testid={id}
      ref={(element) => {
        figureRefs.current[id] = element;
      }}
    >
      –
    </span>
  );
  switch (area) {
    case 'inbound':
      return <span>receive and stow</span>;
    case 'robotFloor':
      return (
        <span>
          {figure('scene-robots-busy')} of {figure('scene-robots-total')} drive units busy
        </span>
      );
    case 'pick':
      return <span>queue {figure('scene-pick-queue')} parcels</span>;
    case 'pack':
      return (
        <span>
          queue {figure('scene-pack-queue')} · {figure('scene-throughput')} parcels/h
        </span>
      );
    case 'slam':
      return <span>{figure('scene-packed')} parcels packed, not yet on a trailer</span>;
    case 'outbound':
      return (
        <span>
          {figure('scene-trailers')} trailers at {figure('scene-dock-doors')} doors ·{' '}
          {figure('scene-trailer-fill')} full
        </span>
      );
  }
}
