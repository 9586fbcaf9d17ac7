import type { Catalog } from '../index.js';

/** Units, the leasing map, renewals and their exports (R-UNIT-1 … R-UNIT-3). */
const catalog = {
  zh_cn: {
    'menu.units.map': '租控图',
    'menu.units.expiring': '到期合同',
    'menu.units.import': '铺位导入',
    'menu.units.reserved': '已定铺位',

    'unit.status.vacant': '空置',
    'unit.status.intent': '意向',
    'unit.status.reserved': '已定',
    'unit.status.leased': '已租',
    'unit.status.expiring': '即将到期',

    'unit.err.missing': '缺少{field}',
    'unit.err.too_long': '{field}最多 {max} 个字',
    'unit.err.amount': '{field}“{value}”不是正数',
    'unit.err.amount_too_large': '{field}不能超过 {max}',
    'unit.err.status': '状态“{value}”无效，只能填 空置 或 意向（或留空）',
    'unit.err.dup_in_file': '{unit} 与第 {first} 行重复',
    'unit.err.exists': '铺位 {unit} 已存在',
    'unit.duplicate': '有铺位已存在，未导入任何铺位。',
    'unit.not_found': '找不到这个铺位。',
    'unit.add.usage': '格式：添加铺位 楼栋 楼层 铺位号 面积 标准月租金\n例如：添加铺位 A栋 2F 201 85.5 12000',
    'unit.added': '已添加铺位 **{unit}**：{area}㎡，标准租金 {rent} 元/月，状态 空置。',

    'unit.import.title': '铺位导入',
    'unit.import.intro':
      '下载模板，按列填写 楼栋、楼层、铺位号、面积(㎡)、标准租金(元/月)、状态（空置/意向，可留空），然后把 .xlsx 文件直接发给我。每一行都会检查，只要有一行有问题，就一个铺位都不导入。',
    'unit.import.template': '下载模板',
    'unit.import.template_name': '铺位导入模板.xlsx',
    'unit.import.not_xlsx': '请发送 .xlsx 格式的铺位表（可先发送“铺位导入”下载模板）。',
    'unit.import.too_big': '文件太大（上限 {mb} MB）。',
    'unit.import.unreadable': '这个文件无法作为 Excel 读取，请用模板另存为 .xlsx 后再发。',
    'unit.import.headers': '第 1 行必须是模板的表头：楼栋、楼层、铺位号、面积(㎡)、标准租金(元/月)、状态。',
    'unit.import.empty': '表里没有铺位行。',
    'unit.import.too_many': '一次最多导入 {max} 行，请分批发送。',
    'unit.import.failed_title': '铺位未导入',
    'unit.import.failed': '共 {rows} 行，其中 **{bad}** 处有问题，**没有导入任何铺位**。请改正后重新发送整张表：',
    'unit.import.issue': '第 {row} 行：{text}',
    'unit.import.more': '……另有 {n} 处问题未列出。',
    'unit.import.done_title': '铺位已导入',
    'unit.import.done': '已导入 **{n}** 个铺位（全部为空置或意向）。发送“租控图”查看。',
    'unit.import.download_failed': '文件下载失败，请稍后重新发送。',

    'unit.map.title': '租控图 · {building} {floor}',
    'unit.map.empty_title': '租控图',
    'unit.map.empty': '还没有铺位。管理员可发送“铺位导入”批量导入，或“添加铺位 A栋 2F 201 85.5 12000”逐个添加。',
    'unit.map.subtitle': '第 {page}/{pages} 层',
    'unit.map.all':
      '**全部铺位** {total} 个 · 空置率 {vacancy} · 出租率 {occupancy}（按面积 {areaRate}）\n月租金收入 **{rent}** 元',
    'unit.map.floor':
      '**本层** {total} 个：空置 {vacant} · 意向 {intent} · 已定 {reserved} · 已租 {leased} · 即将到期 {expiring}\n本层出租率 {occupancy} · 月租金 {rent} 元',
    'unit.map.legend': '图例：',
    'unit.map.cut': '本层另有 {n} 个铺位未显示，完整列表请导出“铺位表”。',
    'unit.map.prev': '上一层',
    'unit.map.next': '下一层',
    'unit.map.pick': '选择楼层',
    'unit.map.expiring_button': '到期合同',
    'unit.rate_none': '—',

    'unit.expiring.title': '合同到期提醒',
    'unit.expiring.intro':
      '以下合同将在 {days} 天内到期（或已到期），请跟进续约；续签后会自动移出列表，不续租请点“释放”。',
    'unit.expiring.none': '{days} 天内没有到期的合同。',
    'unit.expiring.row': '**{unit}** · {tenant} · 合同 {contractNo}\n到期 {end}（{left}）· 招商员 {agent}',
    'unit.expiring.left': '还剩 {n} 天',
    'unit.expiring.overdue': '已过期 {n} 天',
    'unit.expiring.today': '今天到期',
    'unit.expiring.page': '第 {page}/{pages} 页，共 {total} 份',
    'unit.expiring.release': '释放',
    'unit.expiring.release_confirm_title': '释放铺位',
    'unit.expiring.release_confirm': '确认 {unit} 不再续租、恢复为空置？',
    'unit.released': '已释放 {unit}，现为空置。',
    'unit.release.stale': '{unit} 的合同已变更（续签或已释放），请重新打开列表。',
    'unit.reserved.title': '已定铺位',
    'unit.reserved.intro': '以下铺位已由签约计划预定（已定）。定金未成时点“释放预定”，铺位恢复为空置。',
    'unit.reserved.none': '目前没有已定的铺位。',
    'unit.reserved.row': '**{unit}** · {tenant} · 招商员 {agent}',
    'unit.reserved.page': '第 {page}/{pages} 页，共 {total} 个',
    'unit.unreserve': '释放预定',
    'unit.unreserve.confirm_title': '释放预定',
    'unit.unreserve.confirm': '确认 {unit} 定金未成、取消预定并恢复为空置？',
    'unit.unreserved': '已释放 {unit} 的预定，现为空置。',
    'unit.unreserve.stale': '{unit} 已不是该客户的预定（已签约或已释放），请重新打开列表。',
    'unit.nobody': '—',

    'field.unit_pick': '或选择空置铺位',
    'unit.form.taken': '铺位 {unit} 已被其他客户预定或租用，请选择其他空置铺位。',
    'unit.form.ambiguous': '有多个铺位号相同的铺位，请写全：楼栋 楼层 铺位号（如 A栋 2F 201）。',
    'unit.form.lease_taken': '铺位 {unit} 已由其他客户预定或租用，合同未录入。请核对铺位。',

    'unit.month.title': '**铺位与租金（{month} 月末）**',
    'unit.month.line':
      '出租率 {occupancy}（{leased}/{total}）{occDelta} · 空置 {vacant} 个 · 月租金收入 {rent} 元 {rentDelta}',
    'unit.month.delta_pct': '（较上月 {sign}{value} 个百分点）',
    'unit.month.delta_rent': '（较上月 {sign}{value} 元）',
    'unit.month.no_previous': '（上月无记录）',

    'job.unitRenewals': '合同到期提醒',
    'jobs.summary.unit_renewals': '{n} 份合同临近到期，已提醒 {people} 人',
    'jobs.summary.unit_renewals_none': '没有临近到期的合同',

    'export.kind.units': '铺位表',
    'export.kind.expiry': '合同到期表',
    'export.col.building': '楼栋',
    'export.col.floor': '楼层',
    'export.col.unit_no': '铺位号',
    'export.col.standard_rent': '标准租金(元/月)',
    'export.col.unit_status': '铺位状态',
    'export.col.tenant': '租户',
    'export.col.lease_start': '起租日',
    'export.col.lease_end': '到期日',
    'export.col.days_left': '剩余天数',
  },
} satisfies Catalog;

export default catalog;

/** This catalogue's keys are message keys (`MessageKey`). */
type Texts = (typeof catalog)['zh_cn'];
declare module '../index.js' {
  interface Messages extends Texts {}
}
