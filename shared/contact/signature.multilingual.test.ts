// Invented blocks in the layouts the fixtures do not cover: German with a legal footer, Chinese, Japanese,
// labelled fields, two people in one block, a quoted reply.
import { describe, expect, it } from 'vitest';
import { parseContactBlock } from './signature.ts';

describe('parseContactBlock on multilingual blocks', () => {
  const german = [
    'anbei das Angebot wie besprochen.',
    '',
    'Mit freundlichen Grüßen',
    '',
    'Anna Schmidt',
    'Vertriebsleiterin',
    'Muster Maschinenbau GmbH',
    'Hauptstraße 1, 80331 München',
    'Tel.: +49 (0)89 1234567',
    'Mobil: 0171 2345678',
    'E-Mail: anna.schmidt@muster.example.de',
    '',
    'Muster Maschinenbau GmbH · Sitz München · Amtsgericht München HRB 123456',
    'Geschäftsführer: Dr. Hans Müller, Petra Weber',
  ].join('\n');
  const chinese = [
    '张伟',
    '销售总监',
    '深圳市示例科技有限公司',
    '手机：138 0013 8000',
    '电话：0755-8888 6666 转 8001',
    '传真：0755-8888 6667',
    '邮箱：zhangwei@example.cn',
    '地址：深圳市南山区科技园1号',
  ].join('\n');
  const japanese = [
    'ご確認のほど、よろしくお願いいたします。',
    '',
    '山田 太郎',
    '株式会社サンプル 営業部 部長',
    'TEL：03-1234-5678',
    '携帯：090-1234-5678',
    'Email：yamada@sample.example.jp',
  ].join('\n');
  const labelled = ['姓名：李娜', '公司：上海示例贸易有限公司', '职位：采购经理', '电话：021-5555 0710'].join(
    '\n',
  );
  const twoPeople = [
    'John Smith',
    'Chief Executive Officer',
    'Jane Doe',
    'Executive Assistant',
    'Acme Widgets Inc.',
    'Tel: (415) 555-0123',
  ].join('\n');
  const quoted = [
    'Sounds good, see you Tuesday.',
    '',
    'Tom Baker',
    'Baker Logistics LLC',
    '(713) 555-0101',
    '',
    '-----Original Message-----',
    'From: Cole, Nina',
    'Sent: Monday, December 17, 2001 9:04 AM',
    'Nina Cole',
    'Vice President, Sales',
    '(713) 555-0199',
  ].join('\n');

  it.each([
    [
      'German block with a legal footer naming other people',
      german,
      'DE',
      {
        name: 'Anna Schmidt',
        title: 'Vertriebsleiterin',
        company: 'Muster Maschinenbau GmbH',
        emails: ['anna.schmidt@muster.example.de'],
        phones: [
          { e164: '+49891234567', label: 'office' },
          { e164: '+491712345678', label: 'mobile' },
        ],
      },
    ],
    [
      'Chinese block with 转 extension',
      chinese,
      'CN',
      {
        name: '张伟',
        title: '销售总监',
        company: '深圳市示例科技有限公司',
        emails: ['zhangwei@example.cn'],
        phones: [
          { e164: '+8613800138000', label: 'mobile' },
          { e164: '+8675588886666', extension: '8001', label: 'office' },
          { e164: '+8675588886667', label: 'fax' },
        ],
      },
    ],
    [
      'Japanese block with company and title on one line',
      japanese,
      'JP',
      {
        name: '山田 太郎',
        title: '営業部 部長',
        company: '株式会社サンプル',
        emails: ['yamada@sample.example.jp'],
        phones: [
          { e164: '+81312345678', label: 'office' },
          { e164: '+819012345678', label: 'mobile' },
        ],
      },
    ],
    [
      'Chinese labelled fields',
      labelled,
      'CN',
      {
        name: '李娜',
        title: '采购经理',
        company: '上海示例贸易有限公司',
        emails: [],
        phones: [{ e164: '+862155550710', label: 'office' }],
      },
    ],
    [
      'two people in one block: the first is kept, the second is reported',
      twoPeople,
      'US',
      {
        name: 'John Smith',
        title: 'Chief Executive Officer',
        company: 'Acme Widgets Inc.',
        emails: [],
        phones: [{ e164: '+14155550123', label: 'office' }],
        warnings: [
          {
            code: 'MULTIPLE_PEOPLE',
            message: 'The block names more than one person (John Smith, Jane Doe); John Smith was kept.',
          },
        ],
      },
    ],
    [
      'quoted reply below the signature is ignored',
      quoted,
      'US',
      {
        name: 'Tom Baker',
        company: 'Baker Logistics LLC',
        emails: [],
        phones: [{ e164: '+17135550101' }],
      },
    ],
  ] as const)('%s', (_, text, region, expected) => {
    expect(parseContactBlock(text, { defaultRegion: region })).toEqual(expected);
  });
});
