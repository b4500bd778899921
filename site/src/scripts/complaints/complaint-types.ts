/** The shapes the complaint API answers with, as the desk pages read them. */
export interface ComplaintListItem {
  complaintNo: string;
  version: number;
  status: string;
  statusLabel: string;
  channelLabel: string;
  categoryLabel: string;
  respondent: { department?: string; window?: string; clerk?: string; caseNo?: string };
  assignment: { department: string; window: string } | null;
  receivedAt: string;
  dueAt: string | null;
  warningLevel: string;
}

export interface ComplaintPage {
  items: ComplaintListItem[];
  nextCursor: string | null;
}

export interface ComplaintView {
  complaintNo: string;
  version: number;
  status: string;
  statusLabel: string;
  channel: string;
  channelLabel: string;
  category: string;
  categoryLabel: string;
  facts: string;
  complainant: { realName: boolean; name?: string; phone?: string; contactPreference?: string };
  respondent: { department?: string; window?: string; clerk?: string; caseNo?: string };
  /** Filed by the rater together with a bad rating of that case. */
  fromRating?: { caseNo: string; overall: number; ratedAt: string };
  hotlineRef?: string;
  attachments?: {
    id: string;
    kind: 'jpeg' | 'png' | 'pdf';
    contentType: string;
    size: number;
    removed: string[];
    width?: number;
    height?: number;
  }[];
  receivedAt: string;
  receivedBy: string | null;
  invalid?: { reason: string; referredTo?: string; at: string; by: string };
  invalidReasonLabel?: string;
  assignment?: {
    department: string;
    window: string;
    complexity: string;
    replyHandler: string | null;
    at: string;
    by: string;
  };
  complexityLabel?: string;
  findings: { text: string; at: string; by: string }[];
  answers: {
    round: number;
    text: string;
    form: string;
    at: string;
    by: string;
    late: boolean;
    lateReason?: string;
    feedback?: { satisfied: boolean; comment?: string; by: string; at: string };
  }[];
  followUp?: { satisfaction: string; note: string; at: string; by: string };
  clocks: {
    name: string;
    label: string;
    state: string;
    dueAt: string | null;
    overdue: boolean;
    level: string;
  }[];
  warningLevel: string;
  availableActions: string[];
  history: {
    version: number;
    action: string;
    label: string;
    at: string;
    by: { username: string; role: string } | { complainant: true };
    told?: string;
    note?: string;
  }[];
}
