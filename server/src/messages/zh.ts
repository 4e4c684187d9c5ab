import type { IssueNeighbour, Strings } from './strings';

export const zh: Strings = {
  untitled: '（无标题）',
  outlineLimited: (shown, total) => `大纲只列出 ${total} 项中的 ${shown} 项（可在设置 rmrb.outline.maxSymbols 中调整）`,
  recordDetail: { page: (page) => `${page}版`, item: (item) => `${item}条`, separator: ' · ' },
  tagDescriptions: {
    ZQ: '自创刊以来的累计期号',
    RQ: '出版日期，格式为 YYYYMMDD',
    BH: '版面号',
    TH: '本版内的条目号',
    YT: '标题上方的引题',
    BT: '标题',
    FT: '副标题',
    ZZ: '作者',
    FL: '中图法分类号（如 D822、F125.5、EI279.21、Ej94）',
    LM: '文章所在的栏目（社论、连载、专栏等）',
    BM: '版面名称',
    GJ: '关键词，以 / 分隔；人物写作 RW：姓名/身份',
    TC: '体裁',
    ZW: '正文',
    HH: '换行',
    JZ: '加重',
    ZI: '字符标记',
    TM: '正文中的一幅图片：〖TM/中图〗独占一行，其后一行写图片所在版号（〖BH/版号〗），一行写图片文件（〖WJ/文件〗），以〖-TM/中图〗结束',
    WJ: '〖TM/中图〗图片块中图片的文件名（如 201206010101.T01：文章的日期、版号、条号，再加图片序号）',
  },
  tagFromSettings: '在设置中添加的标记',
  placement: {
    header: '表头字段（单行）',
    body: '正文字段（多行）',
    pairedInline: '行内标记（成对）',
    standaloneInline: '行内标记（单独使用）',
    block: '正文中的块（独占一行；其后每行一个字段，直到闭合标记）',
    blockField: '正文中块的字段（单行）',
  },
  weekdays: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
  classificationClasses: {
    A: '马克思主义、列宁主义、毛泽东思想、邓小平理论',
    B: '哲学、宗教',
    C: '社会科学总论',
    D: '政治、法律',
    E: '军事',
    F: '经济',
    G: '文化、科学、教育、体育',
    H: '语言、文字',
    I: '文学',
    J: '艺术',
    K: '历史、地理',
    N: '自然科学总论',
    O: '数理科学和化学',
    P: '天文学、地球科学',
    Q: '生物科学',
    R: '医药、卫生',
    S: '农业科学',
    T: '工业技术',
    U: '交通运输',
    V: '航空、航天',
    X: '环境科学、安全科学',
    Z: '综合性图书',
  },
  date: (y, m, d, weekday) => `${y}年${m}月${d}日，${weekday}`,
  hover: {
    // The class names are Chinese already: no gloss.
    mainClass: (name) => name,
    deeper: (code, known) => `${code} 比本表更细（本表只列到 ${known}）`,
    auxiliary: (number) => `复分号 ${number}`,
    issue: (zq, date, previous, next) => {
      const one = (n: IssueNeighbour) => (n.zq ? (n.date ? `${n.date} 第 ${n.zq} 期` : `第 ${n.zq} 期，无日期`) : n.date ? `${n.date}，无总期` : '无总期和日期');
      const verdicts: string[] = [];
      if (previous?.verdict === 'agrees' && next?.verdict === 'agrees') verdicts.push('前后两条记录都与之一致：同一日期只有一个总期号，且总期号随日期递增。');
      else {
        for (const [which, n] of [['上一条', previous], ['下一条', next]] as const) {
          if (n?.verdict === 'agrees') verdicts.push(`${which}记录与之一致。`);
          else if (n?.verdict === 'same-date-other-issue') verdicts.push(`${which}记录与之矛盾：日期相同而总期不同。`);
          else if (n?.verdict === 'not-growing') verdicts.push(`${which}记录与之矛盾：总期没有随日期递增。`);
        }
      }
      return [
        date ? `${date} 第 ${zq} 期。` : `第 ${zq} 期；本记录没有日期。`,
        `上一条记录：${previous ? one(previous) : '无（本条是文件的第一条）'}；下一条：${next ? one(next) : '无（本条是文件的最后一条）'}。`,
        ...verdicts,
      ].join('\n\n');
    },
    item: (p) =>
      `${p.date} 第${p.page}版 第${p.item}条。\n\n` +
      (p.count === 1
        ? '本文件中该版只有这一条记录。'
        : `本文件有该版 ${p.count} 条记录（第 ${p.items} 条），这是其中${p.index === 1 ? '第一条' : p.index === p.count ? '最后一条' : `第 ${p.index} 条`}。`),
    page: (p) =>
      `${p.date} 第${p.page}版${p.pageName ? `（${p.pageName}）` : ''}。\n\n` +
      (p.count === 1 ? `本文件中该版只有这一条记录${p.item ? `（第 ${p.item} 条）` : ''}。` : `本文件有该版 ${p.count} 条记录${p.items ? `：第 ${p.items} 条` : ''}。`),
  },
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
  renameRefused: { code: '标记的代码是两个字母，例如 BT。', name: '标记的名称为一至十六个字符，不能含〖、〗、/ 或空白。' },
  indexing: { title: '正在索引语料', progress: (indexed, files) => `已读 ${indexed} / ${files} 个文件` },
  completion: {
    missingField: (tag) => `本记录还没有${tag}。`,
    nextField: '按通常的顺序，接下来是它。',
    newRecordField: (tag) => `以${tag}开始一条新记录。`,
    closes: (tag) => `闭合未闭合的${tag}。`,
    suggestValues: '提示取值',
    today: (date) => `今天，${date}`,
    recordBefore: (date) => `上一条记录的日期，${date}`,
    used: (inFile, inWorkspace) =>
      [inFile === undefined ? '' : `本文件中用过 ${inFile} 次`, inWorkspace === undefined ? '' : `工作区中 ${inWorkspace} 个文件用过`].filter(Boolean).join('，'),
    separator: '；',
    newRecord: (th) => (th ? `新记录（第${th}条）` : '新记录'),
    newRecordDetail: (carried, th) => {
      const parts = [carried.length > 0 ? `${carried.map((f) => f.name).join('、')}同上一条记录` : '', th ? `条号 ${th}` : ''].filter(Boolean);
      return parts.length > 0 ? `整条记录：${parts.join('；')}` : '整条记录';
    },
  },
};
