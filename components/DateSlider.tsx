"use client";
/**
 * The date slider: a real role="slider" with keyboard steps (arrows: a day; Page Up/Down:
 * the previous/next change; Home/End), drag, play/pause at two speeds, a date field, and a
 * density strip showing when changes happen.
 *
 * Right to left (Arabic), time runs from right to left: earlier dates on the right. The
 * horizontal arrows follow what the eye sees, so ArrowLeft moves the thumb left, i.e. one
 * day later, and ArrowRight one day earlier; ArrowUp/ArrowDown, Page Up/Down and Home/End
 * keep their meaning (later / earlier, first / last) in both directions.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { dayToIso, parseDay } from "@/lib/dates";
import { useI18n } from "./i18n";

export interface DateSliderProps {
  day: number;
  min: number;
  max: number;
  changeDays: number[];
  onChange: (day: number, commit: boolean) => void;
  onStep: (direction: -1 | 1) => void;
}

/** How long the date field waits after the last step before it shows the new date. */
const FIELD_DELAY_MS = 150;

/** Days per second of the two playback speeds (labels in the messages). */
const SPEEDS = [30, 180];

function Icon({ d }: { d: string }) {
  return <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d={d} fill="currentColor" /></svg>;
}

/** Previous/next change, play/pause and speed: they change only when playing or the speed does. */
const PlayControls = memo(function PlayControls({ playing, speed, onStep, onPlay, onSpeed }: {
  playing: boolean; speed: number; onStep: (direction: -1 | 1) => void; onPlay: (play: boolean) => void; onSpeed: (speed: number) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <button type="button" onClick={() => onStep(-1)} aria-label={t.previousChange} title={t.previousChangeHint}><Icon d="M6 5h2v14H6zM20 5v14L9 12z" /></button>
      <button type="button" className="play" onClick={() => onPlay(!playing)} aria-label={playing ? t.pause : t.play} aria-pressed={playing}>
        {playing ? <Icon d="M6 5h4v14H6zM14 5h4v14h-4z" /> : <Icon d="M7 5v14l12-7z" />}
      </button>
      <button type="button" onClick={() => onStep(1)} aria-label={t.nextChange} title={t.nextChangeHint}><Icon d="M16 5h2v14h-2zM4 5v14l11-7z" /></button>
      <select aria-label={t.speed} value={speed} onChange={(e) => onSpeed(Number(e.target.value))}>
        {SPEEDS.map((s, i) => <option key={s} value={i}>{t.speeds[i]}</option>)}
      </select>
    </>
  );
});

/** The density strip and year ticks: ~150 bars that change only with the data, so rendered once. */
const Density = memo(function Density({ bars, years }: { bars: { x: number; h: number }[]; years: { x: number; label: string }[] }) {
  return (
    <>
      <svg className="slider-density" viewBox="0 0 1000 24" preserveAspectRatio="none" aria-hidden="true">
        {bars.map((b) => <rect key={b.x} x={b.x * 1000} y={24 - b.h * 24} width={2.5} height={b.h * 24} />)}
      </svg>
      {years.map((y) => <span key={y.label} className="slider-year" style={{ insetInlineStart: `${y.x * 100}%` }} aria-hidden="true">{y.label}</span>)}
    </>
  );
});

export default function DateSlider({ day, min, max, changeDays, onChange, onStep }: DateSliderProps) {
  const { t, f, dir } = useI18n();
  const rtl = dir === "rtl";
  const track = useRef<HTMLDivElement>(null);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(0);
  const [typed, setTyped] = useState<string | null>(null);
  // The date field follows the date once a burst of steps (playing, dragging, holding a key)
  // pauses: updating a native date input re-lays out its locale-formatted fields, about a
  // millisecond a step. The date in words beside it follows every step.
  const [fieldDay, setFieldDay] = useState(day);
  useEffect(function followDayInField() {
    const timer = window.setTimeout(() => setFieldDay(day), FIELD_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [day]);
  const dayRef = useRef(day);
  useEffect(function rememberDay() {
    dayRef.current = day;
  }, [day]);

  const frac = (d: number) => (d - min) / Math.max(1, max - min);

  // Play from the start when at the end. Reads the day from the ref so the callback (and the
  // memoised controls) stay the same across steps.
  const setPlay = useCallback((play: boolean) => {
    if (play && dayRef.current >= max) onChange(min, true);
    setPlaying(play);
  }, [min, max, onChange]);

  const fromPointer = useCallback((clientX: number) => {
    const r = track.current?.getBoundingClientRect();
    if (!r) return dayRef.current;
    const x = Math.min(1, Math.max(0, (rtl ? r.right - clientX : clientX - r.left) / r.width));
    return Math.round(min + x * (max - min));
  }, [min, max, rtl]);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    (e.currentTarget as HTMLDivElement).setPointerCapture(e.pointerId);
    setPlaying(false);
    onChange(fromPointer(e.clientX), false);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (e.buttons === 0) return;
    onChange(fromPointer(e.clientX), false);
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    onChange(fromPointer(e.clientX), true);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const d = dayRef.current;
    let next: number | null = null;
    switch (e.key) {
      case "ArrowDown": next = d - 1; break;
      case "ArrowUp": next = d + 1; break;
      case "ArrowLeft": next = rtl ? d + 1 : d - 1; break;
      case "ArrowRight": next = rtl ? d - 1 : d + 1; break;
      case "PageUp": e.preventDefault(); onStep(1); return;
      case "PageDown": e.preventDefault(); onStep(-1); return;
      case "Home": next = min; break;
      case "End": next = max; break;
      default: return;
    }
    e.preventDefault();
    onChange(Math.min(max, Math.max(min, next)), true);
  };

  useEffect(function play() {
    if (!playing) return;
    let raf = 0;
    let last = performance.now();
    let acc = 0;
    const tick = (now: number) => {
      acc += ((now - last) / 1000) * SPEEDS[speed]!;
      last = now;
      const step = Math.floor(acc);
      if (step >= 1) {
        acc -= step;
        const next = dayRef.current + step;
        if (next >= max) {
          onChange(max, true);
          setPlaying(false);
          return;
        }
        onChange(next, false);
      }
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [playing, speed, max, onChange]);

  // Density strip: one bar per month, height by the number of change days in it.
  const density = useMemo(() => {
    const buckets = new Map<number, number>();
    for (const d of changeDays) {
      const b = Math.floor((d - min) / 30.44);
      buckets.set(b, (buckets.get(b) ?? 0) + 1);
    }
    const peak = Math.max(1, ...buckets.values());
    return [...buckets.entries()].map(([b, n]) => ({ x: frac(min + b * 30.44), h: 0.25 + 0.75 * (n / peak) }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [changeDays, min, max]);

  const years = useMemo(() => {
    const out: { x: number; label: string }[] = [];
    for (let y = Number(dayToIso(min).slice(0, 4)) + 1; y <= Number(dayToIso(max).slice(0, 4)); y++) {
      const d = parseDay(`${y}-01-01`)!;
      out.push({ x: frac(d), label: f.year(d) });
    }
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [min, max, f]);

  const iso = dayToIso(fieldDay);
  return (
    <div className="slider">
      <div className="slider-controls">
        <PlayControls playing={playing} speed={speed} onStep={onStep} onPlay={setPlay} onSpeed={setSpeed} />
        <form
          className="date-jump"
          onSubmit={(e) => {
            e.preventDefault();
            const d = parseDay(typed ?? dayToIso(day));
            if (d !== null && d >= min && d <= max) {
              onChange(d, true);
              setTyped(null);
            }
          }}
        >
          <label>
            <span className="visually-hidden">{t.goToDate}</span>
            <input
              type="date" name="date" value={typed ?? iso} min={dayToIso(min)} max={dayToIso(max)}
              onChange={(e) => {
                setTyped(e.target.value);
                const d = parseDay(e.target.value);
                if (d !== null && d >= min && d <= max) {
                  onChange(d, true);
                  setTyped(null);
                }
              }}
              aria-invalid={typed !== null && (parseDay(typed) === null)}
            />
          </label>
        </form>
        {/* The box, not the output, is the flex item: Blink never confines a relayout to a flex
            item, so the output inside it is what makes each step's new date a local relayout. */}
        <span className="slider-date-box"><output className="slider-date" aria-live="polite">{f.day(day)}</output></span>
      </div>
      <div
        ref={track}
        className="slider-track"
        role="slider"
        tabIndex={0}
        aria-label={t.dateSlider}
        aria-orientation="horizontal"
        aria-valuemin={min}
        aria-valuemax={max}
        aria-valuenow={day}
        aria-valuetext={f.day(day)}
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
      >
        <Density bars={density} years={years} />
        {/* The thumb rides a full-width rail moved by a transform: a step then changes one
            compositor property, with no layout or paint (the rail has its own layer). */}
        <span className="slider-rail" style={{ transform: `translateX(${(rtl ? -100 : 100) * frac(day)}%)` }} aria-hidden="true">
          <span className="slider-thumb" />
        </span>
      </div>
    </div>
  );
}
