/**
 * GET /api/complaints/{complaintNo}/attachments/{attachmentId} — a short-lived link to one
 * attachment, for whoever may read the complaint (complaintViewerOf: the supervision office;
 * once assigned, its window, department and reply handler). Every opening is logged — who, which
 * complaint, which file, as whom — through the masking logger; the file's content and the
 * complainant never reach the log.
 */
import { tableName } from '../../../config/env.ts';
import { formatInstant } from '../../../domain/calendar/instant.ts';
import {
  attachmentFileName,
  attachmentLimits,
  attachmentObjectKey,
} from '../../../domain/complaints/attachments.ts';
import { attachmentObjects } from '../../../store/complaints/attachments.ts';
import { loadComplaint } from '../../../store/complaints/complaints.ts';
import { logger } from '../../observability.ts';
import { notFound } from '../../problems.ts';
import { actorOf } from '../../staff.ts';
import { httpHandler } from '../http-handler.ts';
import { complaintForbidden, complaintNotFound, complaintViewerOf, withComplaintErrors } from '../support.ts';

export const handler = httpHandler(
  withComplaintErrors(async (request) => {
    const actor = actorOf(request.principal);
    const { complaintNo, attachmentId } = request.params as { complaintNo: string; attachmentId: string };
    const stored = await loadComplaint(tableName(), complaintNo);
    if (!stored) throw complaintNotFound();
    const viewer = complaintViewerOf(stored.state, actor);
    if (!viewer) {
      logger.warn('Attachment open refused', {
        complaintNo,
        attachment: attachmentId,
        username: actor.username,
      });
      throw complaintForbidden('只能查看分办给本窗口或本部门的投诉的附件；电子监察可以查看全部投诉的附件。');
    }
    const attachment = stored.state.attachments?.find((candidate) => candidate.id === attachmentId);
    if (!attachment) throw notFound('这件投诉没有这个附件。');
    const fileName = attachmentFileName(attachment);
    const now = Date.now();
    const url = await (await attachmentObjects()).openLink(attachmentObjectKey(complaintNo, attachment), {
      contentType: attachment.contentType,
      fileName,
      expiresInSeconds: attachmentLimits.openSeconds,
    });
    logger.info('Attachment opened', {
      audit: 'attachment-open',
      complaintNo,
      attachment: attachment.id,
      kind: attachment.kind,
      username: actor.username,
      as: viewer,
    });
    return {
      status: 200,
      body: {
        complaintNo,
        attachmentId: attachment.id,
        url,
        expiresAt: formatInstant(now + attachmentLimits.openSeconds * 1000),
        contentType: attachment.contentType,
        fileName,
      },
    };
  }),
);
