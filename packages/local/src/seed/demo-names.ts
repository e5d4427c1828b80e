/** Demo vocabulary: a mix of Chinese and English companies and people, as a team selling in China and abroad meets. */
export const companies = [
  ["华信科技", "huaxin-tech.cn"], ["北辰制造", "beichen-mfg.cn"], ["蓝海物流", "lanhai-logistics.cn"], ["星云医疗", "xingyun-med.cn"],
  ["金石能源", "jinshi-energy.cn"], ["远航教育", "yuanhang-edu.cn"], ["天成零售", "tiancheng-retail.cn"], ["云杉软件", "yunshan-soft.cn"],
  ["东方汇金", "dfhj-fin.cn"], ["青禾食品", "qinghe-food.cn"], ["瑞达汽车", "ruida-auto.cn"], ["恒通电子", "hengtong-elec.cn"],
  ["Acme Robotics", "acme-robotics.com"], ["Northwind Traders", "northwind.com"], ["Globex Analytics", "globex.io"], ["Initech Systems", "initech.com"],
  ["Umbrella Health", "umbrella-health.com"], ["Stark Logistics", "stark-logistics.com"], ["Wayne Manufacturing", "wayne-mfg.com"], ["Hooli Cloud", "hooli.cloud"],
  ["Vandelay Imports", "vandelay.com"], ["Soylent Foods", "soylent.co"], ["Tyrell Biotech", "tyrell.bio"], ["Cyberdyne Security", "cyberdyne.io"],
] as const;

export const people = [
  "王伟", "李娜", "张敏", "刘洋", "陈静", "杨帆", "赵磊", "黄丽", "周杰", "吴芳", "徐强", "孙悦", "马超", "朱琳", "胡斌", "郭婷",
  "Emily Carter", "James Miller", "Sophia Chen", "Daniel Kim", "Olivia Brown", "Lucas Garcia", "Mia Johnson", "Ethan Wright",
  "Ava Patel", "Noah Schmidt", "Chloe Martin", "Liam O'Brien",
] as const;

export const titles = ["CEO", "CTO", "CIO", "采购经理", "IT总监", "VP Sales", "Operations Manager", "财务总监", "Head of Procurement", "工程师"] as const;
export const industries = ["manufacturing", "software", "healthcare", "retail", "logistics", "finance", "education", "energy"] as const;
export const sizes = ["1-50", "51-200", "201-1000", "1000+"] as const;
export const regions = ["华东", "华北", "华南", "APAC", "EMEA", "NA"] as const;
export const leadSources = ["web_form", "landing_page", "social", "ad", "trade_show", "email", "phone", "import", "api", "marketing_event"] as const;
export const campaigns = ["2026 春季展会", "Webinar: AI in Sales", "官网试用申请", "LinkedIn Q3", "双十一促销", "Partner referral"] as const;
export const competitors = ["Salesforce", "Zoho CRM", "纷享销客", "销售易", "HubSpot", "Odoo"] as const;
export const dealNames = ["ERP 升级", "CRM rollout", "数据平台建设", "Cloud migration", "年度维保续约", "Security audit", "智能仓储项目", "Analytics suite"] as const;
export const lostReasons = ["Price too high", "Lost to competitor", "No budget", "项目延期", "No decision"] as const;
