// The page's own words, in English or Chinese by the browser's language.

const strings = {
  en: {
    submit: 'Submit',
    reset: 'Reset',
    cancel: 'Cancel',
    required: 'This field is required.',
    integer: 'Please enter an integer.',
    number: 'Please enter a number.',
    sessionOver: 'The session has ended. Reload the page to start a new one.',
  },
  zh: {
    submit: '提交',
    reset: '重置',
    cancel: '取消',
    required: '此项为必填项。',
    integer: '请输入整数。',
    number: '请输入数字。',
    sessionOver: '会话已结束，刷新页面以开始新会话。',
  },
};

export type MessageKey = keyof typeof strings.en;

export const language: 'en' | 'zh' = (navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';

export function t(key: MessageKey): string {
  return strings[language][key];
}
