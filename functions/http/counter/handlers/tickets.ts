/**
 * POST /api/public/tickets — take a ticket (取号) at the kiosk or on a phone: the category, and a
 * priority reason (绿色通道) the centre accepts. A daily serial per prefix from the day's counter
 * (A001… again after the centre's midnight), one write of the ticket, and the people ahead
 * counted on the queue index. Rate-limited per client (its own count, apart from the lookups'); a closed hall
 * (rest day, outside the opening hours) refuses with 422 and says when to come.
 *
 * A phone (optional, the phone page offers it) is sealed on the ticket for the "your number is
 * near" message and shown back masked. The ticket enters the supervision sweep's index, due when
 * its category's wait target passes (domain/counter/waits.ts); its first call takes it out.
 */
import { tableName } from '../../../config/env.ts';
import { CounterError } from '../../../domain/counter/errors.ts';
import { findCategory } from '../../../domain/counter/settings.ts';
import { mobileNumber } from '../../../domain/identity-number.ts';
import { maskPhone } from '../../../domain/privacy.ts';
import { ticketPhoneContext } from '../../../store/counter/tickets.ts';
import { personalDataCipher } from '../../../store/personal-data/cipher.ts';
import { countClient } from '../../../store/public-lookup-guard.ts';
import { logger } from '../../observability.ts';
import { invalidRequest } from '../../problems.ts';
import { clientAddress, lookupRefused } from '../../public-lookup.ts';
import { httpHandler } from '../http-handler.ts';
import { hallNow, settings, withCounterErrors } from '../support.ts';
import { drawTicket, placeTicket } from '../ticket-issue.ts';

export const handler = httpHandler(
  withCounterErrors(async (request) => {
    const body = request.body as { category: string; priority?: string; phone?: string };
    const table = tableName();
    const nowMs = Date.now();
    const cipher = await personalDataCipher();
    const byClient = await countClient(
      table,
      await cipher.digest('client', clientAddress(request.event)),
      nowMs,
      {
        scope: 'tickets',
        perWindow: settings.ticketsPerClient.count,
        windowMs: settings.ticketsPerClient.minutes * 60_000,
      },
    );
    if (!byClient.ok) throw lookupRefused(byClient, '取号过于频繁，请稍后再试；如需帮助请咨询大厅导服人员。');

    const category = findCategory(settings, body.category);
    if (!category) {
      throw new CounterError('unknown-category', `没有“${body.category}”这一业务类别。`, {
        field: 'body.category',
      });
    }
    if (body.priority !== undefined && settings.priorityReasons[body.priority] === undefined) {
      throw new CounterError(
        'unknown-priority',
        `绿色通道不受理“${body.priority}”；可选：${Object.values(settings.priorityReasons).join('、')}。`,
        { field: 'body.priority' },
      );
    }
    const mobile =
      body.phone === undefined || body.phone.trim() === '' ? undefined : mobileNumber(body.phone);
    if (body.phone !== undefined && body.phone.trim() !== '' && !mobile) {
      throw invalidRequest([
        { field: 'body.phone', rule: 'mobile', message: '请填写 11 位手机号码用于到号提醒，也可以不填。' },
      ]);
    }
    const hall = hallNow(nowMs);
    if (!hall.open) throw new CounterError('hall-closed', hall.message);

    const ticket = await drawTicket(table, category, hall.date, new Date(nowMs), {
      priority: body.priority,
      notifyPhone: mobile ? maskPhone(mobile) : undefined,
    });
    const view = await placeTicket(
      table,
      ticket,
      mobile ? await cipher.seal(mobile, ticketPhoneContext(ticket.date, ticket.ticketNo)) : undefined,
    );
    logger.info('Ticket taken', {
      ticketNo: ticket.ticketNo,
      category: category.code,
      priority: ticket.priority,
      phone: ticket.notifyPhone,
      ahead: view.ahead,
    });
    return { status: 201, body: view };
  }),
);
