import type { DomainErrorCode } from '@app/domain';

/** Human titles for each problem type, zh-CN first (problem+json `title`, RFC 9457). */
export const PROBLEM_TITLES: Record<
  | DomainErrorCode
  | 'INTERNAL'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'MALFORMED_BODY'
  | 'URL_INVALID'
  | 'HEADERS_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'ROUTE_NOT_FOUND'
  | 'SERVICE_UNAVAILABLE'
  | 'INSUFFICIENT_STORAGE',
  { zh: string; en: string }
> = {
  VALIDATION_FAILED: { zh: '提交的数据有误', en: 'The submitted data is invalid' },
  NOT_FOUND: { zh: '未找到该记录', en: 'The record was not found' },
  FORBIDDEN: { zh: '无权执行此操作', en: 'You are not allowed to do this' },
  UNAUTHENTICATED: { zh: '请先登录', en: 'Please sign in' },
  CONFLICT: { zh: '与现有数据冲突', en: 'This conflicts with existing data' },
  STALE_VERSION: {
    zh: '记录已被他人修改，请刷新后重试',
    en: 'Someone else changed this record; reload and try again',
  },
  INVALID_TRANSITION: {
    zh: '当前状态下不能执行此操作',
    en: 'This action is not allowed in the current state',
  },
  ACCOUNT_LOCKED: { zh: '账号已被临时锁定', en: 'The account is temporarily locked' },
  INVALID_CREDENTIALS: { zh: '用户名或密码错误', en: 'Wrong username or password' },
  TOKEN_INVALID: {
    zh: '登录凭证无效或已过期，请重新登录',
    en: 'The sign-in token is invalid or expired; sign in again',
  },
  TOKEN_REUSED: {
    zh: '登录凭证已被使用，为安全起见已注销该会话',
    en: 'The refresh token was already used; the session was revoked for safety',
  },
  CALENDAR_NO_DATA: {
    zh: '工作日历缺少该年度数据',
    en: 'The working-day calendar has no data for that year',
  },
  OUT_OF_SCOPE: { zh: '超出您的辖区范围', en: 'This is outside your region' },
  INTERNAL: { zh: '服务器内部错误', en: 'Internal server error' },
  RATE_LIMITED: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  PAYLOAD_TOO_LARGE: { zh: '提交的内容过大', en: 'The request body is too large' },
  REFERRAL_OPEN: { zh: '已有未办结的同类移送', en: 'A referral of this kind is still open' },
  ONWARD_TRANSFER_FORBIDDEN: {
    zh: '受移送案件不得再自行移送',
    en: 'A received transfer cannot be transferred on',
  },
  CASE_MOVED: { zh: '案件已移送其他机关', en: 'The case has moved to another office' },
  CRIMINAL_TRANSFER_OPEN: { zh: '涉嫌犯罪移送尚未办结', en: 'A criminal transfer is still open' },
  LISTING_EXISTS: { zh: '已有相同的列入记录', en: 'The subject is already listed for this decision' },
  DEFENCE_WINDOW_OPEN: { zh: '陈述申辩期尚未届满', en: 'The defence window is still open' },
  DEFENCE_WINDOW_LAPSED: { zh: '陈述申辩期已届满', en: 'The defence window has ended' },
  REPAIR_TOO_EARLY: { zh: '尚未到可申请信用修复的时间', en: 'Too early for credit repair' },
  FOUR_EYES: { zh: '不能审核本人提出的事项', en: 'You cannot review your own proposal' },
  MALFORMED_BODY: { zh: '请求内容格式错误', en: 'The request body is malformed' },
  URL_INVALID: { zh: '请求地址无法识别', en: 'The request URL could not be read' },
  HEADERS_TOO_LARGE: { zh: '请求头过大', en: 'The request headers are too large' },
  UNSUPPORTED_MEDIA_TYPE: { zh: '不支持的内容类型', en: 'Unsupported content type' },
  ROUTE_NOT_FOUND: { zh: '接口不存在', en: 'No such endpoint' },
  SERVICE_UNAVAILABLE: {
    zh: '服务暂不可用，请稍后重试',
    en: 'The service is temporarily unavailable; retry shortly',
  },
  INSUFFICIENT_STORAGE: {
    zh: '服务器存储空间不足，文件未保存',
    en: 'The server is out of storage space; the file was not saved',
  },
};
export type ProblemCode = keyof typeof PROBLEM_TITLES;
