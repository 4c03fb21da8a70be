// Every string of the console, English and Chinese, in one place; the language follows the browser until the person
// picks one (kept in localStorage).

const en = {
  appName: 'Treasury console',
  skip: 'Skip to content',
  loading: 'Loading…',
  language: 'Language',
  signOut: 'Sign out',
  signedInAs: 'Signed in as {name}',
  tenant: 'Tenant {tenant}',
  signInTitle: 'Sign in to the treasury console',
  signInText: 'Balances, payments and approvals of your company. Sign in with your company account; what you may see and do follows your roles.',
  signIn: 'Sign in',
  signInFailed_state: 'The sign-in could not be finished (it expired or was started in another window). Please sign in again.',
  signInFailed_provider: 'The identity provider did not confirm the sign-in. Please try again.',
  'signInFailed_not-invited': 'Your account is not invited to the console. Ask your company\'s administrator for an invitation.',
  signInFailed_disabled: 'Your access to the console is disabled. Ask your company\'s administrator.',
  navAccounts: 'Accounts', navPayments: 'Payments', navNewPayment: 'New payment', navBatch: 'Batch upload',
  navApprovals: 'Approvals', navAudit: 'Audit log', navKeys: 'API keys', navWebhooks: 'Webhooks', navWorkflow: 'Approval workflow',
  accountsTitle: 'Accounts', accountsCaption: 'Your bank accounts and their latest balances',
  name: 'Name', account: 'Account', ibanOrNumber: 'IBAN / number', currency: 'Currency', booked: 'Booked balance', available: 'Available balance', asOf: 'As of',
  noAccounts: 'No accounts yet.', noBalance: '—',
  accountTitle: 'Account {name}', transactions: 'Transactions', transactionsCaption: 'Statement entries, newest first',
  bookingDate: 'Booking date', amount: 'Amount', counterparty: 'Counterparty', remittance: 'Remittance information', status: 'Status', matched: 'Matched',
  yes: 'Yes', no: 'No', more: 'Show more', noTransactions: 'No transactions.',
  unmatched: 'Unmatched entries', unmatchedCaption: 'Booked entries not settled in full', unallocated: 'Unallocated', noUnmatched: 'No unmatched entries.',
  warnings: 'Statement warnings', warningsCaption: 'What the statements of this account got wrong', code: 'Code', message: 'Message', raisedAt: 'Raised at', noWarnings: 'No warnings.',
  paymentsTitle: 'Payments', paymentsCaption: 'Payments, newest first', filterStatus: 'Status', allStatuses: 'All statuses', apply: 'Apply',
  created: 'Created', creditor: 'Creditor', noPayments: 'No payments.', id: 'Id',
  paymentTitle: 'Payment {id}', debtorAccount: 'Debtor account', iban: 'IBAN', bic: 'BIC', accountNumber: 'Account number', bankCode: 'Bank code (CNAPS)',
  executionDate: 'Execution date', requestedExecutionDate: 'Requested execution date (optional)', endToEndId: 'End-to-end id', bankReference: 'Bank reference',
  isoStatus: 'ISO status', bankStatusCode: 'Bank code', statusReason: 'Reason', history: 'Status history', historyCaption: 'Every status the payment went through',
  at: 'At', reason: 'Reason', approvals: 'Approvals', approvalsGiven: 'Approvals given: {given} of {required}', approvedBy: 'Approved by', none: 'none',
  levels: 'Approval levels', level: 'Level', groups: 'Groups', required: 'Required',
  reasonOptional: 'Reason (optional)', approve: 'Approve', reject: 'Reject', cancel: 'Cancel payment', approved: 'Approved.', rejected: 'Rejected.', cancelled: 'Cancelled.',
  newPaymentTitle: 'New payment', submit: 'Submit payment', submitted: 'Payment {id} submitted: {status}.', fixErrors: 'The payment was not accepted: {detail}',
  amountHint: 'A decimal with a dot, e.g. 1234.56', chooseAccount: 'Choose an account',
  batchTitle: 'Batch or payroll upload', batchKind: 'Kind', kindPayments: 'Payments', kindPayroll: 'Payroll', csvFile: 'CSV file',
  csvHelp: 'One payment per line after a header line. Columns (by name, any order): creditorName, iban, bic, accountNumber, bankCode, amount, remittanceInformation, endToEndId. Fields with commas or quotes in double quotes (RFC 4180). The currency is the account\'s.',
  preview: 'Preview', previewCaption: 'The file\'s payments, with what is wrong in each', row: 'Row', errors: 'Problems',
  rowsValid: '{count} payments, total {total}.', rowsInvalid: '{count} rows have problems; fix the file and choose it again.',
  submitBatch: 'Submit batch', batchSubmitted: 'Batch {id} submitted: {count} payments, {status}.', batchRejected: 'The batch was not accepted: {detail}',
  batchChecked: 'Checked by the server as it would be submitted: no problems; it needs {approvals} approval(s).', batchWarnings: 'What submitting would change',
  csvEmpty: 'The file has no payments.', csvMissingColumns: 'The header line lacks: {columns}.',
  errRequired: 'is required', errAmount: 'must be a positive decimal with a dot', errIban: 'is not a valid IBAN', errAccount: 'give an IBAN or an account number',
  approvalsTitle: 'Approvals', approvalsCaption: 'Payments and batches waiting for your approval, newest first', kind: 'Kind', createdBy: 'Created by',
  noApprovals: 'Nothing waits for your approval.', kindPayment: 'payment', kindBatch: 'batch', actions: 'Actions', reasonFor: 'Reason for {id}',
  auditTitle: 'Audit log', auditCaption: 'Who did what, newest first', actor: 'Actor', action: 'Action', subject: 'Subject',
  keysTitle: 'API keys', keysCaption: 'The tenant\'s API keys (never their secrets)', roles: 'Roles', revoked: 'Revoked', revoke: 'Revoke',
  createKey: 'Issue a key', keyName: 'Key name', approvalGroups: 'Approval groups (comma-separated)', issue: 'Issue key',
  keyCreated: 'Key {name} issued. Copy it now, it is not shown again:', keyRevoked: 'Key {id} revoked.',
  webhooksTitle: 'Webhooks', webhooksCaption: 'Webhook endpoints', url: 'URL', eventTypes: 'Event types', enabled: 'Enabled', noWebhooks: 'No webhook endpoints.',
  workflowTitle: 'Approval workflow', workflowCaption: 'Levels every payment passes, in order', conditions: 'Conditions', source: 'Source: {source}',
  save: 'Save workflow', saved: 'Saved.',
  editWorkflow: 'Edit the workflow', levelN: 'Level {n}', levelName: 'Name', approvalsNeeded: 'Approvals needed (0–5)',
  groupsComma: 'Approved by members of (groups, comma-separated; empty: any approver)', appliesWhen: 'Applies when (empty: always)',
  fromAmount: 'From amount (inclusive)', belowAmount: 'Below amount', debtorAccountsAny: 'Debtor accounts (none ticked: any)',
  kindsAny: 'Kinds (none ticked: any)', kind_single: 'Single payment', kind_batch: 'Batch', kind_payroll: 'Payroll',
  firstPayment: 'First payment to a new creditor account', firstAny: 'Any payment', firstOnly: 'Only the first payment', firstNot: 'Only other payments',
  moveUp: 'Move level {n} up', moveDown: 'Move level {n} down', removeLevel: 'Remove level {n}', addLevel: 'Add a level',
  noLevels: 'No levels: every payment needs one approval by any approver.',
  workflowChanged: 'Someone changed the workflow since you opened it; reload the page to see theirs before saving yours.',
  navUsers: 'People', usersTitle: 'People', usersCaption: 'The people of your company who may use the console', noUsers: 'Nobody is invited yet.',
  displayName: 'Name', email: 'Email', accountScope: 'Accounts in scope', allAccounts: 'All accounts', theseAccounts: 'Only these accounts:',
  userState: 'State', lastSignIn: 'Last sign-in', never: 'never', edit: 'Edit',
  userState_invited: 'invited', userState_active: 'active', userState_disabled: 'disabled',
  invitePerson: 'Invite a person', invite: 'Send invitation', editPerson: 'Edit {name}', saveChanges: 'Save changes', enable: 'Enable', disable: 'Disable', close: 'Close',
  userInvited: '{name} ({email}) is invited: they become active at their first sign-in with this email.', userSaved: '{name}: changes saved.',
  userDisabled: '{name} is disabled: their sessions end at their next request.', userEnabled: '{name} is enabled again.',
  notFound: 'This page does not exist.', forbidden: 'Your roles do not allow this.', networkError: 'The server could not be reached.', error: 'Error: {detail}',
  st_pending_approval: 'pending approval', st_approved: 'approved', st_signing: 'signing', st_sent: 'sent', st_accepted: 'accepted', st_completed: 'completed',
  st_rejected: 'rejected', st_cancelled: 'cancelled', st_returned: 'returned', st_failed: 'failed', st_needs_attention: 'needs attention', st_screening_hold: 'screening hold',
  st_partially_completed: 'partially completed', st_booked: 'booked', st_pending: 'pending',
};

const zh = {
  appName: '资金管理控制台',
  skip: '跳到正文',
  loading: '加载中…',
  language: '语言',
  signOut: '退出登录',
  signedInAs: '当前用户：{name}',
  tenant: '租户 {tenant}',
  signInTitle: '登录资金管理控制台',
  signInText: '查看本公司的余额、付款和审批。请使用公司账号登录；可见内容和可执行操作取决于您的角色。',
  signIn: '登录',
  signInFailed_state: '登录未能完成（已过期或在另一个窗口中发起）。请重新登录。',
  signInFailed_provider: '身份提供方未确认此次登录。请重试。',
  'signInFailed_not-invited': '您的账号尚未受邀使用本控制台。请联系贵公司的管理员。',
  signInFailed_disabled: '您的控制台访问权限已停用。请联系贵公司的管理员。',
  navAccounts: '账户', navPayments: '付款', navNewPayment: '新建付款', navBatch: '批量上传',
  navApprovals: '审批', navAudit: '审计日志', navKeys: 'API 密钥', navWebhooks: 'Webhook', navWorkflow: '审批流程',
  accountsTitle: '账户', accountsCaption: '银行账户及最新余额',
  name: '名称', account: '账户', ibanOrNumber: 'IBAN / 账号', currency: '币种', booked: '账面余额', available: '可用余额', asOf: '截至',
  noAccounts: '暂无账户。', noBalance: '—',
  accountTitle: '账户 {name}', transactions: '交易明细', transactionsCaption: '对账单分录，最新的在前',
  bookingDate: '记账日期', amount: '金额', counterparty: '对方', remittance: '附言', status: '状态', matched: '已核对',
  yes: '是', no: '否', more: '显示更多', noTransactions: '暂无交易。',
  unmatched: '未核对分录', unmatchedCaption: '尚未完全核销的已记账分录', unallocated: '未分配', noUnmatched: '没有未核对的分录。',
  warnings: '对账单警告', warningsCaption: '本账户对账单中的问题', code: '代码', message: '说明', raisedAt: '时间', noWarnings: '没有警告。',
  paymentsTitle: '付款', paymentsCaption: '付款列表，最新的在前', filterStatus: '状态', allStatuses: '全部状态', apply: '筛选',
  created: '创建时间', creditor: '收款人', noPayments: '暂无付款。', id: '编号',
  paymentTitle: '付款 {id}', debtorAccount: '付款账户', iban: 'IBAN', bic: 'BIC', accountNumber: '收款账号', bankCode: '联行号（CNAPS）',
  executionDate: '执行日期', requestedExecutionDate: '期望执行日期（可选）', endToEndId: '端到端编号', bankReference: '银行参考号',
  isoStatus: 'ISO 状态', bankStatusCode: '银行代码', statusReason: '原因', history: '状态历史', historyCaption: '付款经历的每个状态',
  at: '时间', reason: '原因', approvals: '审批', approvalsGiven: '已审批：{given} / {required}', approvedBy: '审批人', none: '无',
  levels: '审批级别', level: '级别', groups: '审批组', required: '所需人数',
  reasonOptional: '原因（可选）', approve: '批准', reject: '拒绝', cancel: '撤销付款', approved: '已批准。', rejected: '已拒绝。', cancelled: '已撤销。',
  newPaymentTitle: '新建付款', submit: '提交付款', submitted: '付款 {id} 已提交：{status}。', fixErrors: '付款未被接受：{detail}',
  amountHint: '使用小数点的数字，例如 1234.56', chooseAccount: '请选择账户',
  batchTitle: '批量付款或代发工资上传', batchKind: '类型', kindPayments: '批量付款', kindPayroll: '代发工资', csvFile: 'CSV 文件',
  csvHelp: '第一行为表头，之后每行一笔付款。列（按名称，顺序不限）：creditorName、iban、bic、accountNumber、bankCode、amount、remittanceInformation、endToEndId。含逗号或引号的字段用双引号括起（RFC 4180）。币种为所选账户的币种。',
  preview: '预览', previewCaption: '文件中的付款及每行的问题', row: '行', errors: '问题',
  rowsValid: '共 {count} 笔付款，合计 {total}。', rowsInvalid: '{count} 行有问题；请修改文件后重新选择。',
  submitBatch: '提交批次', batchSubmitted: '批次 {id} 已提交：{count} 笔付款，{status}。', batchRejected: '批次未被接受：{detail}',
  batchChecked: '服务器已按提交时的规则检查：没有问题；需要 {approvals} 次审批。', batchWarnings: '提交时将作出的更改',
  csvEmpty: '文件中没有付款。', csvMissingColumns: '表头缺少：{columns}。',
  errRequired: '必填', errAmount: '须为使用小数点的正数', errIban: '不是有效的 IBAN', errAccount: '请填写 IBAN 或账号',
  approvalsTitle: '审批', approvalsCaption: '等待您审批的付款和批次，最新的在前', kind: '类型', createdBy: '创建人',
  noApprovals: '没有等待您审批的事项。', kindPayment: '付款', kindBatch: '批次', actions: '操作', reasonFor: '{id} 的原因',
  auditTitle: '审计日志', auditCaption: '操作记录，最新的在前', actor: '操作人', action: '操作', subject: '对象',
  keysTitle: 'API 密钥', keysCaption: '本租户的 API 密钥（不显示密钥内容）', roles: '角色', revoked: '已吊销', revoke: '吊销',
  createKey: '签发密钥', keyName: '密钥名称', approvalGroups: '审批组（逗号分隔）', issue: '签发',
  keyCreated: '密钥 {name} 已签发。请立即复制，之后不再显示：', keyRevoked: '密钥 {id} 已吊销。',
  webhooksTitle: 'Webhook', webhooksCaption: 'Webhook 端点', url: 'URL', eventTypes: '事件类型', enabled: '已启用', noWebhooks: '没有 Webhook 端点。',
  workflowTitle: '审批流程', workflowCaption: '每笔付款依次经过的级别', conditions: '条件', source: '来源：{source}',
  save: '保存流程', saved: '已保存。',
  editWorkflow: '编辑审批流程', levelN: '第 {n} 级', levelName: '名称', approvalsNeeded: '所需审批人数（0–5）',
  groupsComma: '审批组（以逗号分隔；留空：任何审批人）', appliesWhen: '适用条件（留空：始终适用）',
  fromAmount: '金额下限（含）', belowAmount: '金额上限（不含）', debtorAccountsAny: '付款账户（不勾选：任意）',
  kindsAny: '付款类型（不勾选：任意）', kind_single: '单笔付款', kind_batch: '批量付款', kind_payroll: '代发工资',
  firstPayment: '向新收款账户的首笔付款', firstAny: '任意付款', firstOnly: '仅首笔付款', firstNot: '仅非首笔付款',
  moveUp: '将第 {n} 级上移', moveDown: '将第 {n} 级下移', removeLevel: '删除第 {n} 级', addLevel: '添加一级',
  noLevels: '没有级别：每笔付款需任一审批人审批一次。',
  workflowChanged: '自您打开页面后，他人已修改审批流程；请刷新页面查看后再保存。',
  navUsers: '人员', usersTitle: '人员', usersCaption: '本公司可使用控制台的人员', noUsers: '尚未邀请任何人。',
  displayName: '姓名', email: '电子邮件', accountScope: '可访问账户', allAccounts: '全部账户', theseAccounts: '仅限以下账户：',
  userState: '状态', lastSignIn: '最近登录', never: '从未', edit: '编辑',
  userState_invited: '已邀请', userState_active: '已启用', userState_disabled: '已停用',
  invitePerson: '邀请人员', invite: '发送邀请', editPerson: '编辑 {name}', saveChanges: '保存更改', enable: '启用', disable: '停用', close: '关闭',
  userInvited: '已邀请 {name}（{email}）：其首次使用此邮箱登录后即为启用状态。', userSaved: '{name}：更改已保存。',
  userDisabled: '{name} 已停用：其会话将在下一次请求时结束。', userEnabled: '{name} 已重新启用。',
  notFound: '页面不存在。', forbidden: '您的角色无权执行此操作。', networkError: '无法连接服务器。', error: '错误：{detail}',
  st_pending_approval: '待审批', st_approved: '已批准', st_signing: '签名中', st_sent: '已发送', st_accepted: '银行已受理', st_completed: '已完成',
  st_rejected: '已拒绝', st_cancelled: '已撤销', st_returned: '已退票', st_failed: '失败', st_needs_attention: '需人工处理', st_screening_hold: '制裁筛查暂停',
  st_partially_completed: '部分完成', st_booked: '已记账', st_pending: '待记账',
};

const dictionaries = { en, zh };
const storageKey = 'bf-console-language';

function initial() {
  const saved = localStorage.getItem(storageKey);
  if (saved && saved in dictionaries) return saved;
  return (navigator.language ?? 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

let language = initial();

export const languages = [['en', 'English'], ['zh', '中文']];

export function currentLanguage() {
  return language;
}

/** The BCP 47 locale numbers and dates are formatted in. */
export function locale() {
  return language === 'zh' ? 'zh-CN' : 'en-GB';
}

export function setLanguage(next) {
  language = next in dictionaries ? next : 'en';
  localStorage.setItem(storageKey, language);
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
}

export function t(key, vars = {}) {
  const text = dictionaries[language][key] ?? en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ''));
}

export function statusLabel(status) {
  const key = `st_${status}`;
  return key in en ? t(key) : status;
}

/**
 * Money as the API sends it ({currency, value: "1234.56"}). The decimal string goes to Intl as a string: it is
 * formatted exactly (Intl.NumberFormat v3), never through a binary double.
 */
export function money(amount) {
  if (!amount || amount.value === undefined || amount.value === null) return '';
  try {
    return new Intl.NumberFormat(locale(), { style: 'currency', currency: amount.currency }).format(amount.value);
  } catch {
    return `${amount.value} ${amount.currency}`;
  }
}

export function dateTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
