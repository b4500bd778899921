/**
 * The public complaint form: checks what it can, uploads the attachments to the slots the API
 * grants (each straight to storage, as multipart/form-data), posts the complaint naming them to
 * /api/public/complaints, and shows the receipt once. The server checks every file again by its
 * content; what the browser checks here only spares a useless upload.
 */
import {
  attachmentLimits,
  declaredAttachmentTypes,
  formatBytes,
} from '../../../../functions/domain/complaints/attachments.ts';
import { byId, clearErrors, type FieldError, formatDateTime, h, say, showErrors } from '../common/ui.ts';
import { complaintFields } from './fields.ts';

const form = byId<HTMLFormElement>('complaint-form');
const status = byId('complaint-status');
const filesInput = byId<HTMLInputElement>('c-files');
const fileList = byId('c-files-list');
const { value, checked, realName: isRealName, respondent, inputOf } = complaintFields(form, 'c');

const typesByExtension: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf',
};

/** The type to declare: the browser's, else the extension's (some systems give none). */
function declaredType(file: File): string {
  return file.type || typesByExtension[file.name.split('.').pop()?.toLowerCase() ?? ''] || '';
}

const chosenFiles = (): File[] => [...(filesInput.files ?? [])];

filesInput.addEventListener('change', () => {
  fileList.replaceChildren(
    ...chosenFiles().map((file) => h('li', { text: `${file.name}（${formatBytes(file.size)}）` })),
  );
});

function fileErrors(files: File[]): FieldError[] {
  const errors: FieldError[] = [];
  if (files.length > attachmentLimits.maxFiles) {
    errors.push({ id: 'c-files', message: `最多上传 ${attachmentLimits.maxFiles} 个附件` });
  }
  files.forEach((file, index) => {
    const name = `附件 ${index + 1}（${file.name}）`;
    if (!declaredAttachmentTypes.includes(declaredType(file))) {
      errors.push({ id: 'c-files', message: `${name}：只能上传 JPEG、PNG 图片或 PDF 文件` });
    } else if (file.size > attachmentLimits.maxBytes) {
      errors.push({
        id: 'c-files',
        message: `${name}：${formatBytes(file.size)}，不得超过 ${formatBytes(attachmentLimits.maxBytes)}`,
      });
    } else if (file.size === 0) errors.push({ id: 'c-files', message: `${name}：文件是空的` });
  });
  return errors;
}

function localErrors(realName: boolean): FieldError[] {
  const errors: FieldError[] = [];
  const markup = /[<>]/;
  if (!value('category')) errors.push({ id: 'c-category', message: '请选择投诉类别' });
  if (!value('facts')) errors.push({ id: 'c-facts', message: '请填写投诉事实' });
  else if (markup.test(value('facts')))
    errors.push({ id: 'c-facts', message: '投诉事实不能包含 < 或 > 符号' });
  if (markup.test(value('clerk')))
    errors.push({ id: 'c-clerk', message: '工作人员一栏不能包含 < 或 > 符号' });
  errors.push(...fileErrors(chosenFiles()));
  if (realName && !value('name')) errors.push({ id: 'c-name', message: '实名投诉请填写姓名' });
  if (realName && !/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/.test(value('phone'))) {
    errors.push({ id: 'c-phone', message: '请填写 11 位手机号或带区号的固定电话' });
  }
  return errors;
}

interface Reply {
  status: number;
  body: {
    detail?: string;
    errors?: { field: string; message: string }[];
    [key: string]: unknown;
  };
}

async function post(url: string, body: unknown): Promise<Reply> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as Reply['body'] };
}

interface Slot {
  key: string;
  url: string;
  fields: Record<string, string>;
}

/** The files last uploaded and their keys: a corrected submission does not upload them again. */
let uploaded: { files: File[]; keys: string[] } | undefined;

const sameFiles = (a: File[], b: File[]) => a.length === b.length && a.every((file, i) => file === b[i]);

/** Uploads the files into fresh slots; answers their keys, or the errors to show on the file field. */
async function upload(files: File[]): Promise<{ keys: string[] } | { errors: FieldError[] }> {
  if (files.length === 0) return { keys: [] };
  if (uploaded && sameFiles(uploaded.files, files)) return { keys: uploaded.keys };
  say(status, '正在准备上传附件……');
  const granted = await post('/api/public/complaints/attachments', {
    files: files.map((file) => ({ size: file.size, type: declaredType(file) })),
  });
  if (granted.status !== 201) {
    const messages = granted.body.errors?.map((error) => error.message) ?? [
      granted.status === 429
        ? '上传过于频繁，请稍后再试。'
        : (granted.body.detail ?? '附件未能上传，请稍后再试。'),
    ];
    return { errors: messages.map((message) => ({ id: 'c-files', message })) };
  }
  const slots = (granted.body.slots ?? []) as Slot[];
  for (const [index, slot] of slots.entries()) {
    say(status, `正在上传附件（${index + 1}/${slots.length}）……`);
    const data = new FormData();
    for (const [name, field] of Object.entries(slot.fields)) data.append(name, field);
    data.append('file', files[index] as File);
    const failed = { errors: [{ id: 'c-files', message: `附件 ${index + 1} 上传失败，请重试。` }] };
    try {
      const response = await fetch(slot.url, { method: 'POST', body: data });
      if (!response.ok) return failed;
    } catch {
      return failed;
    }
  }
  uploaded = { files, keys: slots.map((slot) => slot.key) };
  return { keys: uploaded.keys };
}

async function submit(): Promise<void> {
  clearErrors(form);
  const realName = isRealName();
  const errors = localErrors(realName);
  if (errors.length > 0) {
    showErrors(form, errors, '请检查填写的内容');
    return;
  }
  const button = byId<HTMLButtonElement>('complaint-submit');
  button.disabled = true;
  try {
    const files = chosenFiles();
    const attachments = await upload(files);
    if ('errors' in attachments) {
      say(status, '');
      showErrors(form, attachments.errors, '附件未能上传');
      return;
    }
    const body = {
      category: value('category'),
      facts: value('facts'),
      complainant: realName
        ? {
            realName: true,
            name: value('name'),
            phone: value('phone'),
            contactPreference: checked('contactPreference'),
          }
        : { realName: false },
      respondent: respondent(),
      ...(attachments.keys.length > 0 ? { attachments: attachments.keys.map((key) => ({ key })) } : {}),
    };
    say(status, '正在提交……');
    const reply = await post('/api/public/complaints', body);
    say(status, '');
    const filed = reply.body as { complaintNo?: string; queryCode?: string; acknowledgedBy?: string | null };
    if (reply.status === 201 && filed.complaintNo && filed.queryCode) {
      form.hidden = true;
      byId('receipt-no').textContent = filed.complaintNo;
      byId('receipt-code').textContent = filed.queryCode;
      byId('receipt-ack').textContent = filed.acknowledgedBy
        ? `${formatDateTime(filed.acknowledgedBy)} 前`
        : '—';
      byId('receipt-files').textContent =
        files.length > 0 ? `${files.length} 个，已去除照片中的位置等信息` : '无';
      byId<HTMLAnchorElement>('receipt-link').href =
        `/complaints/?no=${encodeURIComponent(filed.complaintNo)}`;
      byId('complaint-receipt').hidden = false;
      byId('receipt-heading').focus();
      return;
    }
    if (reply.status === 400 && reply.body.errors) {
      // A refused file is deleted on the server: the next submission uploads again.
      if (reply.body.errors.some((error) => error.field.startsWith('body.attachments'))) uploaded = undefined;
      showErrors(
        form,
        reply.body.errors.map((error) => ({
          id: error.field.startsWith('body.attachments') ? 'c-files' : inputOf(error.field),
          message: error.message,
        })),
        '请检查填写的内容',
      );
      return;
    }
    const message =
      reply.status === 429
        ? '提交过于频繁，请稍后再试。'
        : reply.status === 413
          ? '内容过长，请精简后再提交。'
          : (reply.body.detail ?? '提交失败，请稍后再试。');
    showErrors(form, [{ id: 'c-facts', message }], '未能提交');
  } finally {
    button.disabled = false;
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void submit();
});
