export const SETTING_DEPARTMENT_CHAT = 'department.chat_id';
