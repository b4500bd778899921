/**
 * POST /api/complaints — a complaint received by staff: in person, by phone, by letter, handed over
 * by the 12345 hotline, or raised from a bad rating. Who took it in is recorded; the number and the
 * query code to give the complainant are in this response only.
 */
import type { Role } from '../../../domain/roles.ts';
import { invalidRequest } from '../../problems.ts';
import { actorOf } from '../../staff.ts';
import { fileComplaint, filingFieldErrors } from '../filing.ts';
import { httpHandler } from '../http-handler.ts';
import type { DeskComplaintBody } from '../schemas.ts';
import { withComplaintErrors } from '../support.ts';

const receivingRoles: readonly Role[] = ['supervisor', 'chief', 'clerk'];

export const handler = httpHandler(
  withComplaintErrors(async (request) => {
    const body = request.body as DeskComplaintBody;
    const actor = actorOf(request.principal);
    const role = receivingRoles.find((candidate) => actor.roles.includes(candidate)) ?? 'clerk';
    const input = {
      channel: body.channel,
      category: body.category,
      facts: body.facts,
      complainant: body.complainant,
      respondent: body.respondent,
      ...(body.hotlineRef ? { hotlineRef: body.hotlineRef } : {}),
      ...(body.told ? { told: body.told } : {}),
      receivedBy: { username: actor.username, role },
    };
    const errors = filingFieldErrors(input);
    if (errors.length > 0) throw invalidRequest(errors);
    const filed = await fileComplaint(input);
    return {
      status: 201,
      headers: { location: `/api/complaints/${filed.state.complaintNo}` },
      body: {
        complaintNo: filed.state.complaintNo,
        queryCode: filed.queryCode,
        acknowledgedBy: filed.acknowledgedBy,
      },
    };
  }),
);
