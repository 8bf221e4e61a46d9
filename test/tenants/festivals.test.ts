/**
 * Issue 12 item 5: festival templates follow the Chinese calendar. The expected dates below are typed
 * in from published tables (Hong Kong's gazetted Tuen Ng / Chung Yeung holidays, published Spring
 * Festival, Mid-Autumn, Qixi and solar-term tables; Lantern is always Spring Festival + 14 days), and
 * were checked against the library — not produced by it, so a wrong conversion or a wrong pick of the
 * year fails here.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CampaignTemplate } from '../../subgraphs/tenants/entities/campaign';
import { defaultWindow, midnightIn, TEMPLATES } from '../../subgraphs/tenants/services/campaign-rules';
import {
  isoDay,
  lunarFestivalDay,
  solarTermDay,
  type LunarFestival,
  type SolarTerm,
} from '../../core/chinese-calendar';

const PUBLISHED: Record<LunarFestival | SolarTerm, Record<number, string>> = {
  SPRING_FESTIVAL: {
    2026: '2026-02-17',
    2027: '2027-02-06',
    2028: '2028-01-26',
    2029: '2029-02-13',
    2030: '2030-02-03',
    2031: '2031-01-23',
    2032: '2032-02-11',
    2050: '2050-01-23',
  },
  LANTERN_FESTIVAL: {
    2026: '2026-03-03',
    2027: '2027-02-20',
    2028: '2028-02-09',
    2029: '2029-02-27',
    2030: '2030-02-17',
    2031: '2031-02-06',
  },
  DRAGON_BOAT: {
    2026: '2026-06-19',
    2027: '2027-06-09',
    2028: '2028-05-28',
    2029: '2029-06-16',
    2030: '2030-06-05',
    2031: '2031-06-24',
  },
  QIXI: {
    2026: '2026-08-19',
    2027: '2027-08-08',
    2028: '2028-08-26',
    2029: '2029-08-16',
    2030: '2030-08-05',
    2031: '2031-08-24',
  },
  MID_AUTUMN: {
    2026: '2026-09-25',
    2027: '2027-09-15',
    2028: '2028-10-03',
    2029: '2029-09-22',
    2030: '2030-09-12',
    2031: '2031-10-01',
    2032: '2032-09-19',
  },
  DOUBLE_NINTH: {
    2026: '2026-10-18',
    2027: '2027-10-08',
    2028: '2028-10-26',
    2029: '2029-10-16',
    2030: '2030-10-05',
    2031: '2031-10-24',
  },
  QINGMING: {
    2026: '2026-04-05',
    2027: '2027-04-05',
    2028: '2028-04-04',
    2029: '2029-04-04',
    2030: '2030-04-05',
    2031: '2031-04-05',
    2032: '2032-04-04',
  },
  WINTER_SOLSTICE: {
    2026: '2026-12-22',
    2027: '2027-12-22',
    2028: '2028-12-21',
    2029: '2029-12-21',
    2030: '2030-12-22',
    2031: '2031-12-22',
  },
};

/** 00:00 Beijing time on a YYYY-MM-DD day, as a UTC instant (the day before, 16:00 UTC). */
const beijingMidnight = (day: string) => new Date(new Date(`${day}T00:00:00+08:00`).getTime());

describe('festival days from the Chinese calendar', () => {
  for (const festival of [
    'SPRING_FESTIVAL',
    'LANTERN_FESTIVAL',
    'DRAGON_BOAT',
    'QIXI',
    'MID_AUTUMN',
    'DOUBLE_NINTH',
  ] as const) {
    it(`${festival} matches the published dates of ${Object.keys(PUBLISHED[festival]).join(', ')}`, () => {
      for (const [year, day] of Object.entries(PUBLISHED[festival]))
        assert.equal(isoDay(lunarFestivalDay(festival, Number(year))), day, `${festival} ${year}`);
    });
  }
  for (const term of ['QINGMING', 'WINTER_SOLSTICE'] as const) {
    it(`the solar term ${term} matches the published dates of ${Object.keys(PUBLISHED[term]).join(', ')} (China time)`, () => {
      for (const [year, day] of Object.entries(PUBLISHED[term]))
        assert.equal(isoDay(solarTermDay(term, Number(year))), day, `${term} ${year}`);
    });
  }
});

describe("a template's default window", () => {
  it('Mid-Autumn 2026 starts on 25 September and Spring Festival 2027 on 6 February, midnight Beijing time', () => {
    assert.deepEqual(defaultWindow(CampaignTemplate.MID_AUTUMN, new Date('2026-11-30T04:00:00Z')), {
      startsAt: beijingMidnight('2027-09-15'),
      endsAt: beijingMidnight('2027-09-22'),
    });
    assert.deepEqual(defaultWindow(CampaignTemplate.MID_AUTUMN, new Date('2026-08-01T00:00:00Z')), {
      startsAt: beijingMidnight('2026-09-25'),
      endsAt: beijingMidnight('2026-10-02'),
    });
    assert.deepEqual(defaultWindow(CampaignTemplate.SPRING_FESTIVAL, new Date('2026-11-30T04:00:00Z')), {
      startsAt: beijingMidnight('2027-02-06'),
      endsAt: beijingMidnight('2027-02-20'),
    });
  });

  it('every calendar template starts on its published day for each year 2027–2031', () => {
    const templates: [CampaignTemplate, LunarFestival | SolarTerm][] = [
      [CampaignTemplate.SPRING_FESTIVAL, 'SPRING_FESTIVAL'],
      [CampaignTemplate.LANTERN_FESTIVAL, 'LANTERN_FESTIVAL'],
      [CampaignTemplate.QINGMING, 'QINGMING'],
      [CampaignTemplate.DRAGON_BOAT, 'DRAGON_BOAT'],
      [CampaignTemplate.QIXI, 'QIXI'],
      [CampaignTemplate.MID_AUTUMN, 'MID_AUTUMN'],
      [CampaignTemplate.DOUBLE_NINTH, 'DOUBLE_NINTH'],
      [CampaignTemplate.WINTER_SOLSTICE, 'WINTER_SOLSTICE'],
    ];
    for (const [template, festival] of templates) {
      for (const year of [2027, 2028, 2029, 2030, 2031]) {
        // Asked on 1 January (Beijing) the answer is that year's festival: each falls after 1 January.
        const window = defaultWindow(template, beijingMidnight(`${year}-01-01`))!;
        assert.deepEqual(window.startsAt, beijingMidnight(PUBLISHED[festival][year]!), `${template} ${year}`);
        assert.equal(window.endsAt.getTime() - window.startsAt.getTime(), TEMPLATES[template].days * 86_400_000);
      }
    }
  });

  it('on the festival day itself (even its last Beijing minute) the answer is that day; from the next day on, next year', () => {
    // Mid-Autumn 2026: 25 September, Beijing. 2026-09-25T15:59Z is 23:59 in Beijing.
    for (const at of ['2026-09-24T16:00:00Z', '2026-09-25T08:00:00Z', '2026-09-25T15:59:59Z']) {
      assert.deepEqual(
        defaultWindow(CampaignTemplate.MID_AUTUMN, new Date(at))!.startsAt,
        beijingMidnight('2026-09-25'),
        at,
      );
    }
    // Midnight of the 26th in Beijing is still the 25th in UTC: the Beijing day decides.
    for (const at of ['2026-09-25T16:00:00Z', '2026-09-26T12:00:00Z']) {
      assert.deepEqual(
        defaultWindow(CampaignTemplate.MID_AUTUMN, new Date(at))!.startsAt,
        beijingMidnight('2027-09-15'),
        at,
      );
    }
    // The day before is still this year's.
    assert.deepEqual(
      defaultWindow(CampaignTemplate.SPRING_FESTIVAL, new Date('2027-02-05T12:00:00Z'))!.startsAt,
      beijingMidnight('2027-02-06'),
    );
    assert.deepEqual(
      defaultWindow(CampaignTemplate.SPRING_FESTIVAL, new Date('2027-02-06T16:00:00Z'))!.startsAt,
      beijingMidnight('2028-01-26'),
    );
    // A festival late in the year asked after it: the next year's.
    assert.deepEqual(
      defaultWindow(CampaignTemplate.WINTER_SOLSTICE, new Date('2026-12-23T00:00:00Z'))!.startsAt,
      beijingMidnight('2027-12-22'),
    );
  });

  it("starts at midnight in the bank's time zone when it is not Beijing's", () => {
    // A bank in Hong Kong keeps UTC+8; one in London starts the same calendar day at its own midnight.
    assert.deepEqual(
      defaultWindow(CampaignTemplate.MID_AUTUMN, new Date('2026-08-01T00:00:00Z'), 'Asia/Hong_Kong')!.startsAt,
      beijingMidnight('2026-09-25'),
    );
    const london = defaultWindow(CampaignTemplate.MID_AUTUMN, new Date('2026-08-01T00:00:00Z'), 'Europe/London')!;
    assert.equal(london.startsAt.toISOString(), '2026-09-24T23:00:00.000Z'); // BST, UTC+1
    assert.equal(london.endsAt.toISOString(), '2026-10-01T23:00:00.000Z');
    // Local midnight on either side of a DST change (London leaves BST at 02:00 on 25 October 2026):
    // the 25th starts in BST, the 26th in GMT.
    assert.equal(
      midnightIn({ year: 2026, month: 10, day: 25 }, 'Europe/London').toISOString(),
      '2026-10-24T23:00:00.000Z',
    );
    assert.equal(
      midnightIn({ year: 2026, month: 10, day: 26 }, 'Europe/London').toISOString(),
      '2026-10-26T00:00:00.000Z',
    );
    // Spring Festival 2027 in London: 6 February (GMT) to 20 February, midnight to midnight.
    const spring = defaultWindow(CampaignTemplate.SPRING_FESTIVAL, new Date('2026-12-01T00:00:00Z'), 'Europe/London')!;
    assert.deepEqual(
      [spring.startsAt.toISOString(), spring.endsAt.toISOString()],
      ['2027-02-06T00:00:00.000Z', '2027-02-20T00:00:00.000Z'],
    );
    // A window across the change: Double Ninth 2028 (26 October, 7 days) starts in BST and ends in GMT
    // (London leaves BST on 29 October 2028): 7 days and one hour, midnight to midnight.
    const ninth = defaultWindow(CampaignTemplate.DOUBLE_NINTH, new Date('2028-01-01T00:00:00Z'), 'Europe/London')!;
    assert.deepEqual(
      [ninth.startsAt.toISOString(), ninth.endsAt.toISOString()],
      ['2028-10-25T23:00:00.000Z', '2028-11-02T00:00:00.000Z'],
    );
  });

  it('fixed-date and custom templates keep their rules', () => {
    assert.deepEqual(
      defaultWindow(CampaignTemplate.DOUBLE_ELEVEN, new Date('2026-11-11T15:59:00Z'))!.startsAt,
      beijingMidnight('2026-11-11'),
    );
    assert.deepEqual(
      defaultWindow(CampaignTemplate.DOUBLE_ELEVEN, new Date('2026-11-11T16:00:00Z'))!.startsAt,
      beijingMidnight('2027-11-11'),
    );
    assert.equal(defaultWindow(CampaignTemplate.CUSTOM, new Date()), null);
  });
});
