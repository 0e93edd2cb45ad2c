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
    appError: 'The app stopped because of an error. Reload the page to start again.',
    serverBusy: 'The server is busy: too many people are using it right now. Please try again in a little while.',
    url: 'Please enter a URL.',
    date: 'Please enter a valid date.',
    time: 'Please enter a valid time.',
    color: 'Please choose a color.',
    datetimeLocal: 'Please enter a valid date and time.',
    tooLong: 'Please use at most {n} characters.',
    tooShort: 'Please use at least {n} characters.',
    fileTooLarge: 'The file "{name}" is larger than {size}.',
    filesTooLarge: 'The files are larger than {size} in total.',
    uploadProgress: 'Upload progress',
    progress: 'Progress',
    close: 'Close',
    output: 'Output',
    scrollable: 'Scrollable content',
    loading: 'Loading...',
    reconnecting: 'Reconnecting…',
    apiRefused: 'This page does not connect to {origin}: the pywebio_api address of its link is not a server this app allows.',
  },
  zh: {
    submit: '提交',
    reset: '重置',
    cancel: '取消',
    required: '此项为必填项。',
    integer: '请输入整数。',
    number: '请输入数字。',
    sessionOver: '会话已结束，刷新页面以开始新会话。',
    appError: '应用因出错而停止，刷新页面以重新开始。',
    serverBusy: '服务器繁忙：当前使用的人太多，请稍后再试。',
    url: '请输入网址。',
    date: '请输入有效的日期。',
    time: '请输入有效的时间。',
    color: '请选择颜色。',
    datetimeLocal: '请输入有效的日期和时间。',
    tooLong: '最多 {n} 个字符。',
    tooShort: '至少 {n} 个字符。',
    fileTooLarge: '文件“{name}”超过 {size}。',
    filesTooLarge: '文件总大小超过 {size}。',
    uploadProgress: '上传进度',
    progress: '进度',
    close: '关闭',
    output: '输出',
    scrollable: '可滚动内容',
    loading: '加载中...',
    reconnecting: '正在重新连接…',
    apiRefused: '此页面不会连接到 {origin}：链接中的 pywebio_api 地址不是本应用允许的服务器。',
  },
};

export type MessageKey = keyof typeof strings.en;

export const language: 'en' | 'zh' = (navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';

/** The message ``key`` in the page's language, with ``{name}`` placeholders filled from ``values``. */
export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  return strings[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole);
}
