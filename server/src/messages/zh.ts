import type { Strings } from './strings';

export const zh: Strings = {
  untitled: '（无标题）',
  outlineLimited: (shown, total) => `大纲只列出 ${total} 项中的 ${shown} 项（可在设置 rmrb.outline.maxSymbols 中调整）`,
  placement: {
    header: '表头字段（单行）',
    body: '正文字段（多行）',
    pairedInline: '行内标记（成对）',
    standaloneInline: '行内标记（单独使用）',
  },
  weekdays: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
  date: (y, m, d, weekday) => `${y}年${m}月${d}日，${weekday}`,
  fix: {
    rewriteAs: (tag) => `改为 ${tag}`,
    useName: (name) => `改用名称“${name}”`,
    rewriteDate: (date) => `将日期改为 ${date}`,
    remove: (what) => `删除 ${what}`,
    replaceWith: (tag) => `替换为 ${tag}`,
    closeWith: (tag) => `用 ${tag} 闭合`,
    addTag: (tag) => `将 ${tag} 加入标记表（rmrb.tags.extra）`,
    all: (count) => (count === undefined ? '修复全部可自动修复的问题' : `修复全部可自动修复的问题（${count} 处）`),
  },
};
