/**
 * The call display: polls GET /api/public/hall about once a second (the edge caches it for a
 * second, so any number of screens cost one origin request per second), shows the latest call of
 * each window and the waiting per category, and announces each new call — a chime from WebAudio,
 * then "请 A023 号到 B区 03 号窗口办理" through speechSynthesis in zh-CN. A failed poll shows that the
 * connection dropped and keeps trying (backing off to 5 s); the first answer after it resumes
 * without announcing the calls made meanwhile twice. Calls already on the screen when it opens are
 * not announced.
 */
import { hallWindowLabel } from '../../lib/counter.ts';
import { byId, h } from '../common/ui.ts';

interface HallCall {
  ticketNo: string;
  window: string;
  calledAt: string;
}

interface Hall {
  open: boolean;
  message?: string;
  categories: { code: string; name: string; prefix: string; waiting: number }[];
  calls: HallCall[];
}

const pollMs = 1000;
const maxBackoffMs = 5000;
const announced = new Set<string>();
const queue: HallCall[] = [];
let first = true;
let failures = 0;
let speaking = false;
let audio: AudioContext | undefined;

const status = byId('display-status');
const callKey = (call: HallCall) => `${call.window}|${call.ticketNo}|${call.calledAt}`;
const time = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** What is said for a call. */
export function announcement(call: Pick<HallCall, 'ticketNo' | 'window'>): string {
  return `请 ${call.ticketNo} 号到 ${hallWindowLabel(call.window)}办理`;
}

function chime(): Promise<void> {
  if (!audio) return Promise.resolve();
  const context = audio;
  const start = context.currentTime;
  for (const [offset, frequency] of [
    [0, 880],
    [0.35, 660],
  ] as const) {
    const tone = context.createOscillator();
    const gain = context.createGain();
    tone.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.4, start + offset + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.3);
    tone.connect(gain).connect(context.destination);
    tone.start(start + offset);
    tone.stop(start + offset + 0.32);
  }
  return new Promise((resolve) => window.setTimeout(resolve, 700));
}

function speak(text: string): Promise<void> {
  if (!('speechSynthesis' in window)) return Promise.resolve();
  return new Promise((resolve) => {
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = 'zh-CN';
    utterance.rate = 0.9;
    const voice = speechSynthesis
      .getVoices()
      .find((candidate) => candidate.lang.replace('_', '-').startsWith('zh-CN'));
    if (voice) utterance.voice = voice;
    // Some engines never fire `end`: never let one call hold the next.
    const fallback = window.setTimeout(resolve, 8000);
    const done = () => {
      window.clearTimeout(fallback);
      resolve();
    };
    utterance.onend = done;
    utterance.onerror = done;
    speechSynthesis.speak(utterance);
  });
}

async function announceQueued(): Promise<void> {
  if (speaking) return;
  speaking = true;
  try {
    for (let call = queue.shift(); call; call = queue.shift()) {
      byId('display-now').textContent = `请 ${call.ticketNo} 号到 ${hallWindowLabel(call.window)}`;
      await chime();
      await speak(announcement(call));
    }
  } finally {
    speaking = false;
  }
}

function render(hall: Hall): void {
  const rows = hall.calls.map((call) =>
    h(
      'tr',
      {},
      h('td', { class: 'display-calls__number', text: call.ticketNo }),
      h('td', { text: hallWindowLabel(call.window) }),
      h('td', { text: time.format(new Date(call.calledAt)) }),
    ),
  );
  byId('display-calls').replaceChildren(...rows);
  byId('display-categories').replaceChildren(
    ...hall.categories.map((category) =>
      h(
        'li',
        {},
        h('span', { class: 'display-categories__name', text: `${category.prefix} ${category.name}` }),
        h('span', { class: 'display-categories__count', text: `${category.waiting} 人` }),
      ),
    ),
  );
  const latest = hall.calls[0];
  if (first && latest)
    byId('display-now').textContent = `请 ${latest.ticketNo} 号到 ${hallWindowLabel(latest.window)}`;
  if (!latest && first)
    byId('display-now').textContent = hall.open ? '暂无叫号' : (hall.message ?? '大厅暂停办公');
}

function receive(hall: Hall): void {
  render(hall);
  // Oldest first, so the hall hears the calls in the order they were made.
  for (const call of [...hall.calls].reverse()) {
    const key = callKey(call);
    if (announced.has(key)) continue;
    announced.add(key);
    if (!first) queue.push(call);
  }
  first = false;
  void announceQueued();
}

async function poll(): Promise<void> {
  const controller = new AbortController();
  const timeout = window.setTimeout(() => controller.abort(), 4000);
  try {
    const response = await fetch('/api/public/hall', {
      signal: controller.signal,
      headers: { accept: 'application/json' },
    });
    if (!response.ok) throw new Error(`hall ${response.status}`);
    receive((await response.json()) as Hall);
    if (failures > 0) status.textContent = '';
    failures = 0;
  } catch {
    failures += 1;
    status.textContent = '网络连接中断，正在重新连接…';
  } finally {
    window.clearTimeout(timeout);
    window.setTimeout(() => void poll(), Math.min(maxBackoffMs, pollMs * 2 ** Math.max(0, failures - 1)));
  }
}

byId('display-sound').addEventListener('click', () => {
  audio ??= new AudioContext();
  void audio.resume();
  // An empty utterance inside the click unlocks speech on browsers that want a gesture first.
  if ('speechSynthesis' in window) speechSynthesis.speak(new SpeechSynthesisUtterance(''));
  byId('display-start').hidden = true;
  void document.documentElement.requestFullscreen?.().catch(() => undefined);
});

void poll();
