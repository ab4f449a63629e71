/** Minimum password rules for staff accounts (GB/T 22239 level-3 systems expect complexity). */
export const PASSWORD_RULE = /^(?=.*[A-Za-z])(?=.*\d)(?=.*[^A-Za-z\d]).{8,128}$/;
export const PASSWORD_RULE_MESSAGE =
  'password must be 8–128 characters with a letter, a digit and a symbol (密码须为8–128位，包含字母、数字和符号)';
