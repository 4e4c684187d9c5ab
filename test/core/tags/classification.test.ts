import * as assert from 'node:assert/strict';
import { zh } from '../../../server/src/messages/zh';
import { isClassification } from '../../../server/src/rules/classification';
import { classificationCodes, lookUpClass, notations, tableEntries } from '../../../server/src/tags/classification';

/** `D — 政治、法律 › D6 — 中国政治`: the path as codes and names. */
const path = (code: string) => lookUpClass(code)?.path.map((s) => `${s.code} ${s.name}`).join(' › ');

describe('tags/classification', () => {
  it('every main class, with the names the hover’s main-class list gives', () => {
    const main = tableEntries().filter((e) => /^[A-Z]$/.test(e.code));
    assert.deepEqual(
      main.map((e) => e.code),
      ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'N', 'O', 'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'X', 'Z'],
    );
    for (const e of main) assert.equal(e.name, zh.classificationClasses[e.code], e.code);
  });

  it('the second level of every main class, T’s by two letters', () => {
    assert.equal(path('D6'), 'D 政治、法律 › D6 中国政治');
    assert.equal(path('F8'), 'F 经济 › F8 财政、金融');
    for (const t of ['TB', 'TD', 'TE', 'TF', 'TG', 'TH', 'TJ', 'TK', 'TL', 'TM', 'TN', 'TP', 'TQ', 'TS', 'TU', 'TV']) {
      assert.equal(lookUpClass(t)?.path.length, 2, t);
      assert.equal(lookUpClass(t)?.deeper, false, t);
    }
    const second: Record<string, string> = {
      D0: '政治学、政治理论',
      D1: '国际共产主义运动',
      D2: '中国共产党',
      D4: '工人、农民、青年、妇女运动与组织',
      D5: '世界政治',
      D8: '外交、国际关系',
      D9: '法律',
      E2: '中国军事',
      F0: '经济学',
      F1: '世界各国经济概况、经济史、经济地理',
      F2: '经济计划与管理',
      F3: '农业经济',
      F4: '工业经济',
      F5: '交通运输经济',
      F6: '邮电通信经济',
      F7: '贸易经济',
      G2: '信息与知识传播',
      G4: '教育',
      G8: '体育',
      I2: '中国文学',
      K2: '中国史',
      TN: '电子技术、通信技术',
      TS: '轻工业、手工业、生活服务业',
    };
    for (const [code, name] of Object.entries(second)) assert.equal(lookUpClass(code)?.path.at(-1)?.name, name, code);
  });

  it('the third and fourth levels newspapers use', () => {
    const third: Record<string, string> = {
      D61: '中国革命和建设问题',
      D62: '政治制度与国家机构',
      D63: '国家行政管理',
      D64: '思想政治教育和精神文明建设',
      D65: '政治运动、政治事件',
      D66: '阶级结构与社会结构',
      D67: '地方政治',
      D69: '政治制度史',
      D82: '中国外交',
      D92: '中国法律',
      F12: '中国经济',
      F27: '企业经济',
      F32: '中国农业经济',
      F42: '中国工业经济',
      F72: '中国国内贸易经济',
      F75: '各国对外贸易',
      F81: '财政、国家财政',
      F82: '货币',
      F83: '金融、银行',
      G21: '新闻学、新闻事业',
      G63: '中等教育',
      I24: '小说',
      K27: '中华人民共和国时期（1949年~）',
      D822: '对外关系',
      D633: '民族工作',
      F832: '中国金融、银行',
    };
    for (const [code, name] of Object.entries(third)) assert.equal(lookUpClass(code)?.path.at(-1)?.name, name, code);
    for (let k = 0; k <= 9; k++) assert.ok(lookUpClass(`I2${k}`), `I2${k}`);
  });

  it('the codes of real files: the path down to what the table knows, and whether the code goes deeper', () => {
    assert.equal(path('D822'), 'D 政治、法律 › D8 外交、国际关系 › D82 中国外交 › D822 对外关系');
    assert.equal(lookUpClass('D822')?.deeper, false);
    assert.equal(path('G812.23'), 'G 文化、科学、教育、体育 › G8 体育 › G81 世界各国体育事业 › G812 中国');
    assert.equal(lookUpClass('G812.23')?.deeper, true);
    assert.equal(path('K822'), 'K 历史、地理 › K81 传记 › K82 中国人物传记');
    assert.equal(path('TP311.13'), 'T 工业技术 › TP 自动化技术、计算机技术 › TP3 计算技术、计算机技术');
    assert.equal(path('U2'), 'U 交通运输 › U2 铁路运输');
    // A class found through the span its notation covers; a subclass listed under a broader span.
    assert.equal(path('D771.2'), 'D 政治、法律 › D73/77 各国政治');
    assert.equal(path('G639.2'), 'G 文化、科学、教育、体育 › G4 教育 › G63 中等教育 › G639 世界各国中等教育概况');
    // PLA Daily's letters of its own under E: E, and deeper.
    for (const code of ['EK25', 'EI275', 'EB', 'EZ', 'Ej94', 'Ei279.21']) {
      assert.equal(path(code), 'E 军事', code);
      assert.equal(lookUpClass(code)?.deeper, true, code);
    }
  });

  it('the auxiliary-table number stays apart from the class', () => {
    assert.deepEqual(lookUpClass('F752.61-53'), {
      code: 'F752.61-53',
      path: [
        { code: 'F', name: '经济' },
        { code: 'F7', name: '贸易经济' },
        { code: 'F75', name: '各国对外贸易' },
        { code: 'F752', name: '中国对外贸易' },
      ],
      deeper: true,
      auxiliary: '-53',
    });
    assert.equal(lookUpClass('K928.9=6')?.auxiliary, '=6');
    assert.equal(lookUpClass('I206.7(2)')?.auxiliary, '(2)');
    assert.equal(lookUpClass('I206.7(2)')?.deeper, false);
  });

  it('nothing for a letter that names no class', () => {
    for (const code of ['L123', 'M1', 'W2', 'Y3', '123', 'd822', '中图', '']) assert.equal(lookUpClass(code), undefined, code);
  });

  it('splits a value as the classification rule does', () => {
    assert.deepEqual(classificationCodes(' D822;F125.5；TP3 K2、Z，U2 '), ['D822', 'F125.5', 'TP3', 'K2', 'Z', 'U2']);
    assert.deepEqual(classificationCodes('  '), []);
  });

  it('a span’s notation finds each number in it', () => {
    assert.deepEqual(notations('D73/77'), ['D73', 'D74', 'D75', 'D76', 'D77']);
    assert.deepEqual(notations('E3/7'), ['E3', 'E4', 'E5', 'E6', 'E7']);
    assert.deepEqual(notations('K833/837'), ['K833', 'K834', 'K835', 'K836', 'K837']);
    assert.deepEqual(notations('D822'), ['D822']);
  });

  it('the table is well formed: each class found by its notation, no notation twice, every notation a code the rule accepts', () => {
    const seen = new Set<string>();
    for (const e of tableEntries()) {
      assert.match(e.name, /^\S+$/, e.code);
      for (const n of notations(e.code)) {
        assert.ok(!seen.has(n), `${n} twice`);
        seen.add(n);
        assert.ok(isClassification(n), n);
        assert.equal(lookUpClass(n)?.path.at(-1)?.code, e.code, n);
        assert.equal(lookUpClass(n)?.deeper, false, n);
        // Under its main class: T's subclasses under T, and a class under its own subclass of T.
        const main = lookUpClass(n)!.path[0].code;
        assert.ok(n.startsWith(main), n);
        if (main === 'T' && n.length > 1) assert.equal(lookUpClass(n)!.path[1].code, n.slice(0, 2), n);
      }
    }
    assert.ok(seen.size > 2000, String(seen.size));
  });
});
