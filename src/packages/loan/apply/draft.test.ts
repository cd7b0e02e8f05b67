// The draft's data rules: what may be saved, what is invalid or missing, and what is sent.
import { changes, check, EMPTY, fieldsOf, firstIncompleteStep, stepOf, type Fields } from './draft'
import type { LoanDetail } from '@contract/loan'
import { savedLoan } from './fixture'

const CEILING = 50_000_000

const filled = (over: Partial<Fields>): Fields => ({ ...fieldsOf(savedLoan()), ...over })

test('each contract field belongs to its step', () => {
  expect(['amountFen', 'payee.accountNumber', 'project.title', 'fileId', 'id'].map(stepOf)).toEqual([0, 0, 1, 2, -1])
})

test('an empty form saves nothing and misses what each step requires', () => {
  const { body, invalid, missing } = check(EMPTY, CEILING)
  expect(body).toEqual({ branch: '' })
  expect(invalid).toEqual({})
  expect(missing).toMatchObject({ amountFen: '请填写申请金额', bankId: '请选择贷款银行', 'project.type': '请选择项目类型', 'payee.accountNumber': '请填写贴息收款账号' })
})

test('amounts outside the floor and the ceiling are held back, not saved', () => {
  expect(check({ ...EMPTY, amount: '999' }, CEILING).invalid.amountFen).toBe('申请金额至少 1,000 元')
  expect(check({ ...EMPTY, amount: '600000' }, CEILING).invalid.amountFen).toMatch(/^申请金额不能超过/)
  const ok = check({ ...EMPTY, amount: '200000.5' }, CEILING)
  expect(ok.body.amountFen).toBe(20_000_050)
  expect(ok.invalid.amountFen).toBeUndefined()
})

test('a description too short says how many characters are still needed', () => {
  expect(check({ ...EMPTY, description: '做电商' }, CEILING).invalid['project.description']).toBe('项目简介至少 20 个字（还差 17 个）')
})

test('a saved payee stands until its name or bank is edited; then the number must be typed again', () => {
  const saved = fieldsOf(savedLoan())
  expect(check(saved, CEILING).invalid['payee.accountNumber']).toBeUndefined()
  expect(check(saved, CEILING).missing['payee.accountNumber']).toBeUndefined()
  expect(check({ ...saved, payeeBank: '农业银行清城支行' }, CEILING).invalid['payee.accountNumber']).toBe('修改户名或开户行后，请重新填写收款账号')
  const typed = check({ ...saved, payeeAccount: '6217 0000 1111 2222' }, CEILING)
  expect(typed.body.payee).toEqual({ accountName: '陈小青', bankName: '邮储银行清城支行', accountNumber: '6217000011112222' })
})

test('only what differs from the saved application is sent', () => {
  const d = savedLoan()
  expect(changes(check(fieldsOf(d), CEILING).body, d)).toEqual({})
  expect(changes(check(filled({ term: '36', title: '砂糖橘电商直播' }), CEILING).body, d)).toEqual({ termMonths: 36, project: { title: '砂糖橘电商直播' } })
  // A brand-new application sends everything filled in, but not an empty branch.
  expect(changes(check({ ...EMPTY, term: '12' }, CEILING).body, null)).toEqual({ termMonths: 12 })
})

test('a saved application opens at its first step with a gap', () => {
  const d = savedLoan()
  expect(firstIncompleteStep(fieldsOf(d), d)).toBe(2)
  expect(firstIncompleteStep(fieldsOf(savedLoan({ termMonths: 0 })), d)).toBe(0)
  expect(firstIncompleteStep(fieldsOf(savedLoan({ project: { ...d.project, address: '' } })), d)).toBe(1)
  const withDocs = savedLoan({ documents: ['id_photo', 'business_license', 'project_plan'].map((kind, i) => ({ id: `D${i}`, kind })) as LoanDetail['documents'] })
  expect(firstIncompleteStep(fieldsOf(withDocs), withDocs)).toBe(3)
})

describe('户籍所在地 and a project outside the city (户籍或创业项目须有一项在清远市内)', () => {
  const OUT = 'outside'

  test('the 户籍 is on the project step; it is asked for, and saved once chosen', () => {
    expect(stepOf('householdTownshipCode')).toBe(1)
    expect(stepOf('project.outsidePlace')).toBe(1)
    expect(check(EMPTY, CEILING).missing).toMatchObject({ householdTownshipCode: '请选择户籍所在地', 'project.townshipCode': '请选择项目所在镇街' })
    expect(check({ ...EMPTY, household: '441881001' }, CEILING).body.householdTownshipCode).toBe('441881001')
    expect(check({ ...EMPTY, household: OUT, townshipCode: '441802006' }, CEILING)).toMatchObject({ body: { householdTownshipCode: OUT, project: { townshipCode: '441802006' } }, invalid: {} })
  })

  test('a project outside the city needs its place in words (4–40 characters); one in the city does not', () => {
    const outside = check({ ...EMPTY, household: '441881001', townshipCode: OUT }, CEILING)
    expect(outside.body.project).toMatchObject({ townshipCode: OUT })
    expect(outside.missing['project.outsidePlace']).toBe('请填写项目所在的省、市、县')
    expect(check({ ...EMPTY, household: '441881001', townshipCode: OUT, outsidePlace: '广州' }, CEILING).invalid['project.outsidePlace']).toBe('项目所在地至少 4 个字（还差 2 个）')
    expect(check({ ...EMPTY, household: '441881001', townshipCode: OUT, outsidePlace: ' 广东省广州市从化区 ' }, CEILING).body.project).toMatchObject({ townshipCode: OUT, outsidePlace: '广东省广州市从化区' })
    expect(check({ ...EMPTY, household: '441881001', townshipCode: '441802006', outsidePlace: '广东省广州市从化区' }, CEILING).body.project).not.toHaveProperty('outsidePlace')
    expect(check({ ...EMPTY, townshipCode: '441802006' }, CEILING).missing['project.outsidePlace']).toBeUndefined()
  })

  test('both outside the city is held back, naming the rule at the 户籍; neither place is sent', () => {
    const both = check({ ...EMPTY, household: OUT, townshipCode: OUT, outsidePlace: '湖南省长沙市' }, CEILING)
    expect(both.invalid.householdTownshipCode).toBe('户籍或创业项目须有一项在清远市内：户籍在清远市外的，创业项目须在清远市内')
    expect(both.body.householdTownshipCode).toBeUndefined()
    expect(both.body.project?.townshipCode).toBeUndefined()
  })

  test('only a changed 户籍 or outside place is sent; a saved application opens at the project step when the 户籍 is missing', () => {
    const d = savedLoan()
    expect(changes(check(filled({ household: '441881001' }), CEILING).body, d)).toEqual({ householdTownshipCode: '441881001' })
    expect(changes(check(filled({ townshipCode: OUT, outsidePlace: '广东省广州市从化区' }), CEILING).body, d)).toEqual({ project: { townshipCode: OUT, outsidePlace: '广东省广州市从化区' } })
    const older = savedLoan({ householdTownshipCode: '' })
    expect(fieldsOf(older).household).toBe('')
    expect(firstIncompleteStep(fieldsOf(older), older)).toBe(1)
  })
})
