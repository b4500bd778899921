/**
 * The staff reads of complaints, one function:
 * - GET /api/complaints — the supervision office's queues (triage by default, open, done, or a
 *   department's); a clerk's window; a chief's or leader's department;
 * - GET /api/complaints/{complaintNo} — the office sees the complainant masked; the assigned window
 *   and department (and the named reply handler) only whether it is real-name;
 * - GET /api/complaints/{complaintNo}/complainant — the identity, opened from the sealed copy, for
 *   the office and the reply handler; every read logged (who, which complaint, which fields).
 */

import { tableName } from '../../../config/env.ts';
import type { Actor } from '../../../domain/cases/types.ts';
import { type ComplaintStatus, complaintStaffView } from '../../../domain/complaints/index.ts';
import {
  type ComplaintListing,
  listComplaints,
  loadComplaint,
} from '../../../store/complaints/complaints.ts';
import { personalDataCipher } from '../../../store/personal-data/cipher.ts';
import { logger } from '../../observability.ts';
import { actorOf, etag } from '../../staff.ts';
import { httpHandler } from '../http-handler.ts';
import {
  complaintContext,
  complaintNotFound,
  complaintViewerOf,
  complaintForbidden as forbidden,
  withComplaintErrors,
} from '../support.ts';

interface ListQuery {
  queue?: 'triage' | 'open' | 'done';
  department?: string;
  window?: string;
  status?: string;
  limit?: string;
  cursor?: string;
}

function listingFor(actor: Actor, query: ListQuery): ComplaintListing {
  if (actor.roles.includes('supervisor')) {
    return query.department
      ? {
          kind: 'department',
          department: query.department,
          ...(query.window ? { window: query.window } : {}),
        }
      : { kind: 'office', phase: query.queue ?? 'triage' };
  }
  if ((actor.roles.includes('chief') || actor.roles.includes('leader')) && actor.department) {
    if (query.department && query.department !== actor.department) throw forbidden('只能查看本部门的投诉。');
    if (query.window && !query.window.startsWith(`${actor.department}-`))
      throw forbidden('只能查看本部门窗口的投诉。');
    return {
      kind: 'department',
      department: actor.department,
      ...(query.window ? { window: query.window } : {}),
    };
  }
  if (actor.roles.includes('clerk') && actor.department && actor.window) {
    if (
      (query.window && query.window !== actor.window) ||
      (query.department && query.department !== actor.department)
    ) {
      throw forbidden('窗口工作人员只能查看分办给本窗口的投诉。');
    }
    return { kind: 'department', department: actor.department, window: actor.window };
  }
  throw forbidden('登录信息中没有部门或窗口，无法列出投诉。');
}

export const handler = httpHandler(
  withComplaintErrors(async (request) => {
    const actor = actorOf(request.principal);
    const table = tableName();
    const ctx = complaintContext();
    const now = new Date();
    if (request.route.id === 'listComplaints') {
      const query = (request.query ?? {}) as ListQuery;
      const listing = listingFor(actor, query);
      const page = await listComplaints(
        table,
        {
          listing,
          ...(query.status ? { statuses: query.status.split(',') as ComplaintStatus[] } : {}),
          limit: query.limit ? Number(query.limit) : 20,
          ...(query.cursor ? { cursor: query.cursor } : {}),
        },
        now,
        ctx.clocks,
      );
      return { status: 200, body: { listing, ...page } };
    }
    const { complaintNo } = request.params as { complaintNo: string };
    const stored = await loadComplaint(table, complaintNo);
    if (!stored) throw complaintNotFound();
    const { state } = stored;
    if (request.route.id === 'getComplaint') {
      const viewer = complaintViewerOf(state, actor);
      if (!viewer) throw forbidden('只能查看分办给本窗口或本部门的投诉；电子监察可以查看全部投诉。');
      return {
        status: 200,
        headers: etag(state.version),
        body: complaintStaffView(state, viewer, now, ctx.clocks),
      };
    }
    // getComplainant: the office, or the staff member named to reply by phone or letter.
    const replyHandler = state.assignment?.replyHandler === actor.username;
    if (!actor.roles.includes('supervisor') && !replyHandler) {
      logger.warn('Complainant read refused', { complaintNo, username: actor.username });
      throw forbidden('投诉人身份只向电子监察和指定的答复人员提供。');
    }
    const cipher = await personalDataCipher();
    const complainant = JSON.parse(await cipher.open(stored.complainantSealed, complaintNo)) as Record<
      string,
      unknown
    >;
    logger.info('Personal data read', {
      audit: 'complainant-read',
      complaintNo,
      username: actor.username,
      fields: Object.keys(complainant).filter((key) => key !== 'realName'),
      as: replyHandler ? 'replyHandler' : 'supervisor',
    });
    return { status: 200, body: { complaintNo, complainant } };
  }),
);
