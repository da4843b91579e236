// Audible alarm cues made with the Web Audio API (no audio files).
//
// Patterns follow IEC 60601-1-8 (medical alarm signals):
//   high priority   a burst of 10 pulses (3 + 2, pause, 3 + 2), repeated by the caller every few seconds
//                   while an unacknowledged high-priority alert exists
//   medium priority one burst of 3 slower, lower pulses, played once on raise or escalation
//   low priority    silent (the standard makes the low-priority sound optional)
// Each pulse is a harmonic-rich tone (fundamental plus four harmonics) with soft edges, so it is easy to
// localise and does not click.
//
// Browsers keep audio blocked until the page receives a user gesture, so the state the board shows is:
//   "on"          sound will play
//   "off"         not muted, but the browser has not allowed audio yet: a click enables it
//   "muted"       the user muted it (remembered in localStorage)
//   "unavailable" no Web Audio in this browser
// Nothing here throws: a missing or failing AudioContext only ever means silence.

const MUTED_KEY = "emergency.board.soundMuted";

/** IEC 60601-1-8 high priority: pulse 150 ms, 100 ms apart; start offsets in seconds. */
const HIGH_PULSES = Object.freeze([0, 0.25, 0.5, 1.0, 1.25, 2.0, 2.25, 2.5, 3.0, 3.25]);
const HIGH_PULSE_S = 0.15;
const HIGH_FREQUENCY_HZ = 660;
/** IEC 60601-1-8 medium priority: 3 pulses of 200 ms, 150 ms apart. */
const MEDIUM_PULSES = Object.freeze([0, 0.35, 0.7]);
const MEDIUM_PULSE_S = 0.2;
const MEDIUM_FREQUENCY_HZ = 523;

/** How long a high-priority burst lasts, in ms (for callers that schedule the repeat). */
export const HIGH_BURST_MS = Math.round((HIGH_PULSES[HIGH_PULSES.length - 1] + HIGH_PULSE_S) * 1000);

function readMuted() {
  try {
    return window.localStorage.getItem(MUTED_KEY) === "true";
  } catch {
    return false;
  }
}

function writeMuted(muted) {
  try {
    window.localStorage.setItem(MUTED_KEY, muted ? "true" : "false");
  } catch {
    // Storage unavailable (private mode, policy): the choice lasts until the page reloads.
  }
}

export class AlarmSound {
  /** @param {{ onChange?: (state: string) => void }} options */
  constructor({ onChange } = {}) {
    this.onChange = typeof onChange === "function" ? onChange : () => {};
    this.AudioContextType = window.AudioContext ?? window.webkitAudioContext ?? null;
    this.context = null;
    this.master = null;
    this.wave = null;
    this.muted = readMuted();
    this.lastState = null;
    // Kiosk browsers may allow audio without a gesture: try once, quietly.
    if (!this.muted) this.ensureContext();
  }

  /** "on" | "off" | "muted" | "unavailable". */
  get state() {
    if (this.muted) return "muted";
    if (!this.AudioContextType) return "unavailable";
    return this.context?.state === "running" ? "on" : "off";
  }

  /**
   * Call from a user gesture (click, key press): creates or resumes the audio context unless muted.
   * Resolves once the browser has answered (never rejects).
   */
  unlock() {
    if (this.muted) return Promise.resolve();
    const context = this.ensureContext();
    let resumed = Promise.resolve();
    if (context && context.state !== "running" && context.state !== "closed") {
      try {
        resumed = Promise.resolve(context.resume()).catch(() => {});
      } catch {
        // ignore: stays "off"
      }
    }
    this.notify();
    return resumed.then(() => this.notify());
  }

  /** The sound control was clicked (a user gesture): off → on, on → muted, muted → on. */
  toggle() {
    const before = this.state;
    if (before === "unavailable") return;
    if (before === "on") {
      this.muted = true;
      writeMuted(true);
      this.notify();
      return;
    }
    this.muted = false;
    writeMuted(false);
    // A short, quiet confirmation that sound works.
    this.unlock().then(() => this.schedule([0], 0.09, HIGH_FREQUENCY_HZ, 0.12));
  }

  /** One high-priority burst (the caller repeats it). */
  playHigh() {
    return this.schedule(HIGH_PULSES, HIGH_PULSE_S, HIGH_FREQUENCY_HZ, 0.35);
  }

  /** One medium-priority burst. */
  playMedium() {
    return this.schedule(MEDIUM_PULSES, MEDIUM_PULSE_S, MEDIUM_FREQUENCY_HZ, 0.3);
  }

  // ------------------------------------------------------------------------------------------

  ensureContext() {
    if (this.context && this.context.state !== "closed") return this.context;
    if (!this.AudioContextType) return null;
    try {
      const context = new this.AudioContextType({ latencyHint: "interactive" });
      context.onstatechange = () => this.notify();
      const master = context.createGain();
      master.gain.value = 1;
      master.connect(context.destination);
      // Fundamental plus four harmonics (IEC 60601-1-8 asks for at least four within 15 dB).
      const real = new Float32Array([0, 1, 0.6, 0.45, 0.32, 0.22]);
      const imag = new Float32Array(real.length);
      this.wave = context.createPeriodicWave(real, imag);
      this.context = context;
      this.master = master;
    } catch (error) {
      console.warn("Audio unavailable:", error);
      this.AudioContextType = null;
      this.context = null;
    }
    this.notify();
    return this.context;
  }

  /** Plays pulses (start offsets in s) if sound is on; returns whether anything was scheduled. */
  schedule(offsets, duration, frequency, level) {
    if (this.muted) return false;
    const context = this.context;
    if (!context || context.state !== "running") return false;
    try {
      const start = context.currentTime + 0.05;
      for (const offset of offsets) {
        const t = start + offset;
        const oscillator = context.createOscillator();
        if (this.wave) oscillator.setPeriodicWave(this.wave);
        oscillator.frequency.value = frequency;
        const gain = context.createGain();
        // 20 ms rise and 30 ms fall: no clicks, still a crisp pulse.
        gain.gain.setValueAtTime(0, t);
        gain.gain.linearRampToValueAtTime(level, t + 0.02);
        gain.gain.setValueAtTime(level, t + duration - 0.03);
        gain.gain.linearRampToValueAtTime(0, t + duration);
        oscillator.connect(gain);
        gain.connect(this.master);
        oscillator.start(t);
        oscillator.stop(t + duration + 0.02);
      }
      return true;
    } catch (error) {
      console.warn("Playing the alarm tone failed:", error);
      return false;
    }
  }

  notify() {
    const state = this.state;
    if (state === this.lastState) return;
    this.lastState = state;
    try {
      this.onChange(state);
    } catch (error) {
      console.warn(error);
    }
  }
}
