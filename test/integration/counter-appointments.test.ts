import { DynamoDBDocumentClient, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInstant, msAt } from '../../functions/domain/calendar/instant.ts';
import { startTestRuntime, type TestRuntime } from '../support/runtime.ts';

/**
 * Appointments (预约) against the real local runtime: the slots with their seats, booking (the
 * code, the holder masked and sealed, what to bring), the rules that refuse with 422 and the field
 * named, cancelling with the code and the phone's last digits, checking in at the kiosk for a
 * priority ticket the desk calls first, a booking past its grace period forfeit, the no-shows that
 * suspend a phone, the desk's list of the day by window, hostile input on every public route, no
 * name or phone in clear in a log line, a public answer or a stored item, and the per-client limit.
 *
 * The sample hall books round the clock (openAroundTheClock), so every half-hour ahead is a slot;
 * the calendar's rules are the unit tests'. Bookings "in the past" are made by moving a booking's
 * slot back in the table, as time would.
 */

interface Reply {
  status: number;
  contentType: string | null;
  headers: Headers;
  body: Record<string, unknown>;
  text: string;
}

let runtime: TestRuntime;
const tokens = new Map<string, string>();
const publicResponses: string[] = [];

async function call(
  method: string,
  path: string,
  options: { user?: string; body?: unknown; raw?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (options.user) {
    if (!tokens.has(options.user)) tokens.set(options.user, await runtime.identity.issue(options.user));
    headers.authorization = `Bearer ${tokens.get(options.user)}`;
  }
  const payload = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${runtime.baseUrl}${path}`, {
    method,
    headers,
    ...(payload === undefined ? {} : { body: payload }),
  });
  const text = await response.text();
  if (path.startsWith('/api/public/')) publicResponses.push(text);
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    headers: response.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    text,
  };
}

interface Slot {
  date: string;
  time: string;
  startsMs: number;
  seats: number;
  remaining: number;
  extended?: string;
}

async function listSlots(query = 'category=civil-affairs&days=3'): Promise<Slot[]> {
  const reply = await call('GET', `/api/public/appointment-slots?${query}`);
  expect(reply.status).toBe(200);
  const days = reply.body.days as {
    date: string;
    open: boolean;
    slots: { time: string; seats: number; remaining: number; extended?: string }[];
  }[];
  return days.flatMap((day) =>
    day.slots.map((slot) => ({ ...slot, date: day.date, startsMs: msAt(day.date, slot.time) })),
  );
}

/** Every booking here has a phone of its own, so its masked copy (139****NNNN) finds its item. */
let phoneSerial = 0;
const freshPhone = () => `1390000${String(++phoneSerial).padStart(4, '0')}`;
const names = ['欧阳预约', '张预约人'];
const usedPhones: string[] = [];

async function book(slot: { date: string; time: string }, extra: Record<string, unknown> = {}) {
  const phone = (extra.phone as string | undefined) ?? freshPhone();
  usedPhones.push(phone);
  return call('POST', '/api/public/appointments', {
    body: { category: 'civil-affairs', date: slot.date, time: slot.time, name: names[0], phone, ...extra },
  });
}

function documents() {
  return DynamoDBDocumentClient.from(runtime.store.client);
}

async function appointmentItems(): Promise<Record<string, unknown>[]> {
  const result = await documents().send(
    new ScanCommand({
      TableName: 'yichuang',
      FilterExpression: '#t = :type',
      ExpressionAttributeNames: { '#t': 'type' },
      ExpressionAttributeValues: { ':type': 'appointment' },
    }),
  );
  return result.Items ?? [];
}

const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

/** Moves a booking's slot to start at `startsMs`, as if it had been booked for then. */
async function moveBooking(phone: string, startsMs: number): Promise<void> {
  const item = (await appointmentItems()).find(
    (candidate) => (candidate.data as { holder: { phone: string } }).holder.phone === masked(phone),
  );
  if (!item) throw new Error(`no booking of ${masked(phone)}`);
  const startsAt = formatInstant(startsMs);
  const [date, time] = [startsAt.slice(0, 10), startsAt.slice(11, 16)];
  const data = item.data as Record<string, unknown>;
  await documents().send(
    new UpdateCommand({
      TableName: 'yichuang',
      Key: { pk: item.pk, sk: item.sk },
      UpdateExpression: 'SET #data = :data, gsi1sk = :start, gsi2pk = :day, gsi2sk = :order',
      ExpressionAttributeNames: { '#data': 'data' },
      ExpressionAttributeValues: {
        ':data': { ...data, date, time, startsAt },
        ':start': startsAt,
        ':day': `appointments#${date}`,
        ':order': `${time}#${data.category}#${data.id}`,
      },
    }),
  );
}

beforeAll(async () => {
  runtime = await startTestRuntime({ logLevel: 'DEBUG' });
}, 60_000);
afterAll(async () => {
  await runtime?.stop();
});

let later: Slot;
let laterBooking: Reply;
let laterPhone: string;

describe('slots and booking', () => {
  it('lists the days ahead with each slot’s seats, by category or by item', async () => {
    const slots = await listSlots();
    expect(slots.length).toBeGreaterThan(48);
    const now = Date.now();
    expect(slots.every((slot) => slot.startsMs > now)).toBe(true);
    expect(slots.every((slot) => slot.remaining === slot.seats)).toBe(true);
    // Three windows, one seat each; the 延时服务 periods have their own (lunch: 1, Saturday: 2).
    const regular = slots.filter((slot) => !slot.extended || slot.extended === '示例中心全天开放');
    expect(regular.every((slot) => slot.seats === 3)).toBe(true);
    // Round the clock in the sample hall: the hours outside the opening hours are marked.
    expect(slots.some((slot) => slot.extended === '示例中心全天开放')).toBe(true);
    const byItem = await call('GET', '/api/public/appointment-slots?item=YC-MZ-0102&days=1');
    expect(byItem.body).toMatchObject({
      category: { code: 'civil-affairs', name: '民政业务' },
      item: { code: 'YC-MZ-0102', name: '社会团体变更登记' },
      slotMinutes: 30,
      checkInMinutesBefore: 30,
      graceMinutes: 15,
    });
  });

  it('books a slot: 201 with the code, the slot, the holder masked and what to bring; a seat fewer', async () => {
    later = (await listSlots()).find((slot) => slot.startsMs > Date.now() + 2 * 3600_000) as Slot;
    laterPhone = freshPhone();
    usedPhones.push(laterPhone);
    laterBooking = await call('POST', '/api/public/appointments', {
      body: { item: 'YC-MZ-0102', date: later.date, time: later.time, name: names[1], phone: laterPhone },
    });
    expect(laterBooking.status).toBe(201);
    expect(laterBooking.body).toMatchObject({
      category: 'civil-affairs',
      categoryName: '民政业务',
      item: 'YC-MZ-0102',
      itemName: '社会团体变更登记',
      date: later.date,
      time: later.time,
      holder: { name: '张***', phone: masked(laterPhone) },
      state: 'booked',
      stateLabel: '已预约',
      checkInFrom: formatInstant(later.startsMs - 30 * 60_000),
      checkInUntil: formatInstant(later.startsMs + 15 * 60_000),
    });
    expect(laterBooking.body.code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(laterBooking.body.bring).toEqual(
      expect.arrayContaining([expect.stringContaining('身份证件'), '社会团体变更登记申请表（原件 1 份）']),
    );
    const after = (await listSlots()).find((slot) => slot.date === later.date && slot.time === later.time);
    expect(after?.remaining).toBe(2);
  });

  it('keeps the holder only sealed and the code only as a keyed hash; no phone in any key', async () => {
    const item = (await appointmentItems()).find(
      (candidate) => (candidate.data as { holder: { phone: string } }).holder.phone === masked(laterPhone),
    ) as Record<string, unknown>;
    const stored = JSON.stringify(item);
    for (const secret of [laterPhone, names[1] as string, laterBooking.body.code as string]) {
      expect(stored).not.toContain(secret);
    }
    expect(item.contactSealed).toMatch(/^v1\.local\./);
    for (const key of ['pk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk']) {
      expect(String(item[key])).not.toMatch(/\d{11}/);
    }
    expect(String(item.gsi1pk)).toMatch(/^appointments#phone#[A-Za-z0-9_-]{43}$/);
    // Nor anywhere else in the table: the booking's messages keep the code masked and the phone sealed.
    const everything = JSON.stringify(
      (await documents().send(new ScanCommand({ TableName: 'yichuang' }))).Items ?? [],
    );
    expect(everything).toContain('预约码********');
    for (const secret of [laterPhone, names[1] as string, laterBooking.body.code as string]) {
      expect(everything).not.toContain(secret);
    }
  });

  it.each([
    ['yesterday', -1, '09:00', 'slot-past', '该时段已过', 'body.date'],
    ['beyond the window', 15, '09:00', 'beyond-window', '超出可预约的日期范围', 'body.date'],
    ['not on a slot’s start', 1, '09:10', 'outside-hours', '不在可预约时段内', 'body.time'],
  ])('refuses a booking %s with 422 saying which', async (_, days, time, rule, title, field) => {
    const date = formatInstant(Date.now() + days * 86_400_000).slice(0, 10);
    const reply = await book({ date, time });
    expect(reply.status).toBe(422);
    expect(reply.contentType).toBe('application/problem+json');
    expect(reply.body).toMatchObject({ rule, title, errors: [{ field, rule }] });
  });

  it('refuses a slot of today that has begun', async () => {
    const started = formatInstant(Math.floor(Date.now() / 1800_000) * 1800_000);
    const reply = await book({ date: started.slice(0, 10), time: started.slice(11, 16) });
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ rule: 'slot-past', errors: [{ field: 'body.time' }] });
  });
});

describe('cancelling', () => {
  it('needs the code and the phone’s last four digits; an unknown code and a wrong phone look alike', async () => {
    const code = laterBooking.body.code as string;
    const wrong = await call('POST', '/api/public/appointments/cancellation', {
      body: { code, phoneLast4: '0000' },
    });
    const unknown = await call('POST', '/api/public/appointments/cancellation', {
      body: { code: 'ZZZZZZZZ', phoneLast4: laterPhone.slice(-4) },
    });
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrong.body).toEqual(unknown.body);
  });

  it('is refused before its window at the kiosk, then cancelled, its seat freed; twice is refused', async () => {
    const code = laterBooking.body.code as string;
    const early = await call('POST', '/api/public/appointments/check-in', { body: { code } });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ rule: 'check-in-early', title: '还未到签到时间' });
    const cancelled = await call('POST', '/api/public/appointments/cancellation', {
      // Typed as people type: lower case, with a space.
      body: { code: `${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`, phoneLast4: laterPhone.slice(-4) },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ state: 'cancelled', stateLabel: '已取消', time: later.time });
    const after = (await listSlots()).find((slot) => slot.date === later.date && slot.time === later.time);
    expect(after?.remaining).toBe(3);
    const again = await call('POST', '/api/public/appointments/cancellation', {
      body: { code, phoneLast4: laterPhone.slice(-4) },
    });
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({ rule: 'appointment-cancelled' });
    const checkIn = await call('POST', '/api/public/appointments/check-in', { body: { code } });
    expect(checkIn.body).toMatchObject({ rule: 'appointment-cancelled' });
  });
});

describe('checking in at the kiosk', () => {
  let next: Slot;
  let code: string;

  it('turns a booking of the next slot into a priority ticket the desk calls before the walk-ins', async () => {
    const walkIn = await call('POST', '/api/public/tickets', { body: { category: 'civil-affairs' } });
    expect(walkIn.status).toBe(201);
    next = (await listSlots())[0] as Slot;
    const booked = await book(next, { name: names[0] });
    expect(booked.status).toBe(201);
    code = booked.body.code as string;
    const checkedIn = await call('POST', '/api/public/appointments/check-in', { body: { code } });
    expect(checkedIn.status).toBe(201);
    expect(checkedIn.body).toMatchObject({
      category: 'civil-affairs',
      priority: 'appointment',
      priorityLabel: '预约办事',
      ahead: 0,
      appointment: { date: next.date, time: next.time },
    });
    const ticketNo = checkedIn.body.ticketNo as string;
    expect(ticketNo).not.toBe(walkIn.body.ticketNo);
    const called = await call('POST', '/api/windows/mz-01/calls', { user: 'clerk' });
    expect(called.body).toMatchObject({ ticketNo, priority: 'appointment' });

    // Checked in again (a lost slip): the same ticket, 200.
    const again = await call('POST', '/api/public/appointments/check-in', { body: { code } });
    expect(again.status).toBe(200);
    expect(again.body.ticketNo).toBe(ticketNo);
  });

  it('refuses a booking past its grace period as forfeit (a no-show)', async () => {
    const phone = freshPhone();
    const booked = await book((await listSlots())[5] as Slot, { phone });
    expect(booked.status).toBe(201);
    await moveBooking(phone, Date.now() - 20 * 60_000);
    const late = await call('POST', '/api/public/appointments/check-in', {
      body: { code: booked.body.code },
    });
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ rule: 'appointment-forfeited', title: '已超过签到时限，预约作废' });
    expect(late.body.detail).toContain('记为未到');
  });

  it('lists the day’s bookings at the desk for the windows of their category, names masked', async () => {
    const list = await call('GET', `/api/appointments?date=${next.date}`, { user: 'clerk' });
    expect(list.status).toBe(200);
    expect(list.body.categories).toEqual([{ code: 'civil-affairs', name: '民政业务' }]);
    const rows = list.body.appointments as Record<string, unknown>[];
    const row = rows.find((candidate) => candidate.time === next.time && candidate.state === 'checked-in');
    expect(row).toMatchObject({ holder: { name: '欧***' }, stateLabel: '已签到' });
    expect(row?.ticketNo).toMatch(/^A\d{3}$/);
    expect((list.body.counts as { checkedIn: number }).checkedIn).toBeGreaterThanOrEqual(1);
    expect(list.text).not.toContain(names[0] as string);

    const chief = await call('GET', `/api/appointments?date=${next.date}`, { user: 'chief' });
    expect((chief.body.appointments as unknown[]).length).toBe(rows.length);
    const tax = await call('GET', `/api/appointments?date=${next.date}`, { user: 'clerk-sw' });
    expect(tax.body).toMatchObject({ categories: [{ code: 'tax' }], appointments: [] });
    const foreign = await call('GET', '/api/appointments?category=tax', { user: 'clerk' });
    expect(foreign.status).toBe(403);
    const old = await call('GET', '/api/appointments?date=2020-01-01', { user: 'clerk' });
    expect(old.status).toBe(400);
    expect((old.body.errors as { field: string }[])[0]?.field).toBe('query.date');
  });

  it('shows a forfeit booking as a no-show in the desk’s list of its day', async () => {
    const today = formatInstant(Date.now() - 20 * 60_000).slice(0, 10);
    const list = await call('GET', `/api/appointments?date=${today}`, { user: 'clerk' });
    expect((list.body.appointments as { state: string }[]).some((row) => row.state === 'forfeited')).toBe(
      true,
    );
    expect((list.body.counts as { forfeited: number }).forfeited).toBeGreaterThanOrEqual(1);
  });
});

describe('repeated no-shows', () => {
  it('limit the bookings a phone holds open, then suspend the phone after 3 no-shows in 30 days', async () => {
    const phone = freshPhone();
    const slots = await listSlots();
    for (const slot of slots.slice(10, 13)) expect((await book(slot, { phone })).status).toBe(201);
    const fourth = await book(slots[14] as Slot, { phone });
    expect(fourth.status).toBe(422);
    expect(fourth.body).toMatchObject({ rule: 'too-many-bookings', errors: [{ field: 'body.phone' }] });

    // The three slots pass without a check-in: three no-shows, 3, 2 and 1 days ago.
    const items = (await appointmentItems()).filter(
      (item) => (item.data as { holder: { phone: string } }).holder.phone === masked(phone),
    );
    expect(items).toHaveLength(3);
    for (const [i, item] of items.entries()) {
      const startsAt = formatInstant(Date.now() - (3 - i) * 86_400_000);
      const data = item.data as Record<string, unknown>;
      const [date, time] = [startsAt.slice(0, 10), startsAt.slice(11, 16)];
      await documents().send(
        new UpdateCommand({
          TableName: 'yichuang',
          Key: { pk: item.pk, sk: item.sk },
          UpdateExpression: 'SET #data = :data, gsi1sk = :start',
          ExpressionAttributeNames: { '#data': 'data' },
          ExpressionAttributeValues: { ':data': { ...data, date, time, startsAt }, ':start': startsAt },
        }),
      );
    }
    const suspended = await book(slots[14] as Slot, { phone });
    expect(suspended.status).toBe(422);
    expect(suspended.body).toMatchObject({ rule: 'booking-suspended', title: '多次预约未到，暂停预约' });
    expect(suspended.body.detail).toContain('暂停至');
    // Another phone books the same slot.
    expect((await book(slots[14] as Slot)).status).toBe(201);
  });
});

describe('hostile input on the public appointment routes', () => {
  const valid = () => ({
    category: 'civil-affairs',
    date: formatInstant(Date.now() + 86_400_000).slice(0, 10),
    time: '10:00',
    name: '李四',
    phone: '13900009999',
  });

  it.each([
    [{ name: '<script>alert(1)</script>' }, 'body.name'],
    [{ name: '   ' }, 'body.name'],
    [{ phone: '12345' }, 'body.phone'],
    [{ phone: '010-12345678' }, 'body.phone'],
    [{ phone: '1390000999<' }, 'body.phone'],
    [{ date: '2026-02-30' }, 'body.date'],
    [{ date: "2026-10-01' OR 1=1" }, 'body.date'],
    [{ time: '25:00' }, 'body.time'],
    [{ time: 930 }, 'body.time'],
    [{ category: '<x>' }, 'body.category'],
    [{ category: 'nothing' }, 'body.category'],
    [{ category: undefined }, 'body.category'],
    [{ item: 'YC-MZ-0102' }, 'body.category'],
    [{ category: undefined, item: 'YC-NOPE-0001' }, 'body.item'],
  ])('refuses a booking with %j naming %s', async (change, field) => {
    const reply = await call('POST', '/api/public/appointments', { body: { ...valid(), ...change } });
    expect(reply.status).toBe(400);
    expect(reply.contentType).toBe('application/problem+json');
    expect((reply.body.errors as { field: string }[]).map((error) => error.field)).toContain(field);
    expect(reply.text).not.toContain('<script>');
  });

  it.each([
    ['/api/public/appointments', { ...{ name: 'x'.repeat(2000) } }],
    ['/api/public/appointments/cancellation', { code: 'ABCDEFGH', phoneLast4: '1234', pad: 'x'.repeat(600) }],
    ['/api/public/appointments/check-in', { code: 'ABCDEFGH', pad: 'x'.repeat(600) }],
  ])('refuses an oversized body on %s (413), and one that is not JSON (400)', async (path, body) => {
    expect((await call('POST', path, { body })).status).toBe(413);
    const broken = await call('POST', path, { raw: '{"code":' });
    expect(broken.status).toBe(400);
    expect(broken.contentType).toBe('application/problem+json');
    const list = await call('POST', path, { body: [valid()] });
    expect(list.status).toBe(400);
  });

  it.each([
    ['/api/public/appointments/cancellation', { code: '<script>', phoneLast4: '1234' }, 'body.code'],
    ['/api/public/appointments/cancellation', { code: 'ABCDEFGO', phoneLast4: '1234' }, 'body.code'],
    ['/api/public/appointments/cancellation', { code: 'ABCDEFGH', phoneLast4: '12a4' }, 'body.phoneLast4'],
    ['/api/public/appointments/cancellation', { code: 'ABCDEFGH' }, 'body.phoneLast4'],
    ['/api/public/appointments/check-in', {}, 'body.code'],
    ['/api/public/appointments/check-in', { code: 'A'.repeat(30) }, 'body.code'],
    ['/api/public/appointments/check-in', { code: 12345678 }, 'body.code'],
  ])('refuses %s %j naming %s', async (path, body, field) => {
    const reply = await call('POST', path, { body });
    expect(reply.status).toBe(400);
    expect((reply.body.errors as { field: string }[]).map((error) => error.field)).toContain(field);
  });

  it.each([
    ['category=%3Cscript%3E', 'query.category'],
    ['', 'query.category'],
    ['category=civil-affairs&item=YC-MZ-0102', 'query.category'],
    ['item=YC-NOPE-0001', 'query.item'],
    ['category=civil-affairs&days=0', 'query.days'],
    ['category=civil-affairs&days=99', 'query.days'],
    ['category=civil-affairs&from=2026-13-01', 'query.from'],
    ["category=civil-affairs&from=2026-01-01'--", 'query.from'],
  ])('refuses the slot listing ?%s naming %s', async (query, field) => {
    const reply = await call('GET', `/api/public/appointment-slots?${query}`);
    expect(reply.status).toBe(400);
    expect((reply.body.errors as { field: string }[]).map((error) => error.field)).toContain(field);
  });
});

describe('personal data and the per-client limit', () => {
  it('finds no name or phone of a booking in clear in any log line or public answer', async () => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(runtime.functionLog.some((line) => line.includes('Appointment booked'))).toBe(true);
    const haystacks = [...runtime.functionLog, ...runtime.log, ...publicResponses];
    for (const secret of [...names, ...usedPhones]) {
      const found = haystacks.filter((line) => line.includes(secret));
      expect(found, `"${secret}" appears in clear`).toEqual([]);
    }
  });

  it('limits the bookings and cancellations of one client (429), counted apart from its check-ins', async () => {
    let reply: Reply | undefined;
    for (let i = 0; i < 40; i += 1) {
      reply = await call('POST', '/api/public/appointments/cancellation', {
        body: { code: `ABCD${String(2222 + i).replace(/[01]/g, '9')}`, phoneLast4: '1234' },
      });
      if (reply.status === 429) break;
      expect(reply.status).toBe(404);
    }
    expect(reply?.status).toBe(429);
    expect(reply?.body.title).toBe('请求过于频繁');
    expect(Number(reply?.headers.get('retry-after'))).toBeGreaterThan(0);
    const checkIn = await call('POST', '/api/public/appointments/check-in', { body: { code: 'ABCDEFGH' } });
    expect(checkIn.status).toBe(404);
  });
});
