<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ActionForm</name>
    <message>
        <source>%1 — 案件 %2</source>
        <translation>%1 — case %2</translation>
    </message>
    <message>
        <source>确定要执行“%1”吗？</source>
        <translation>Really “%1”?</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>（按类别默认）</source>
        <translation>(category default)</translation>
    </message>
    <message>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <source>（不指定）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>通过</source>
        <translation>Pass</translation>
    </message>
    <message>
        <source>不通过</source>
        <translation>Fail</translation>
    </message>
    <message>
        <source>同意</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>不同意</source>
        <translation>Deny</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>受理意见</source>
        <translation>Intake note</translation>
    </message>
    <message>
        <source>不予受理理由</source>
        <translation>Reason for rejection</translation>
    </message>
    <message>
        <source>合并到案件编号</source>
        <translation>Merge into case number</translation>
    </message>
    <message>
        <source>牵头部门</source>
        <translation>Lead department</translation>
    </message>
    <message>
        <source>配合部门</source>
        <translation>Co-departments</translation>
    </message>
    <message>
        <source>直接责任人</source>
        <translation>Responsible person</translation>
    </message>
    <message>
        <source>交办要求</source>
        <translation>Instructions</translation>
    </message>
    <message>
        <source>进展情况</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>办理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>退回理由</source>
        <translation>Reason for return</translation>
    </message>
    <message>
        <source>核查结果</source>
        <translation>Verification</translation>
    </message>
    <message>
        <source>核查意见</source>
        <translation>Verification note</translation>
    </message>
    <message>
        <source>不通过原因</source>
        <translation>Reason for failing</translation>
    </message>
    <message>
        <source>结案类型</source>
        <translation>Close type</translation>
    </message>
    <message>
        <source>结案说明</source>
        <translation>Closing note</translation>
    </message>
    <message>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>回访意见</source>
        <translation>Callback comment</translation>
    </message>
    <message>
        <source>申请延至</source>
        <translation>Extend to</translation>
    </message>
    <message>
        <source>延期理由</source>
        <translation>Reason for extension</translation>
    </message>
    <message>
        <source>审批结果</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>审批意见</source>
        <translation>Decision note</translation>
    </message>
    <message>
        <source>上报县级说明</source>
        <translation>Escalation note</translation>
    </message>
    <message>
        <source>县级答复</source>
        <translation>County's answer</translation>
    </message>
    <message>
        <source>治理措施</source>
        <translation>Measures</translation>
    </message>
    <message>
        <source>下次复查日期</source>
        <translation>Next review on</translation>
    </message>
    <message>
        <source>恢复办理说明</source>
        <translation>Resumption note</translation>
    </message>
    <message>
        <source>督办对象</source>
        <translation>Chased</translation>
    </message>
    <message>
        <source>督办内容</source>
        <translation>Supervision note</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <source>未选择案件</source>
        <translation>No case selected</translation>
    </message>
    <message>
        <source>办理过程</source>
        <translation>History</translation>
    </message>
    <message>
        <source>本环节时限</source>
        <translation>Stage due</translation>
    </message>
    <message>
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source> · 紧急</source>
        <translation> · urgent</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>上报人</source>
        <translation>Reported by</translation>
    </message>
    <message>
        <source>反映人</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <source>涉及人员</source>
        <translation>People involved</translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>自巡自办</source>
        <translation>Self-handled</translation>
    </message>
    <message>
        <source>牵头部门</source>
        <translation>Lead department</translation>
    </message>
    <message>
        <source>配合部门</source>
        <translation>Co-departments</translation>
    </message>
    <message>
        <source>直接责任人</source>
        <translation>Responsible person</translation>
    </message>
    <message>
        <source>交办要求</source>
        <translation>Instructions</translation>
    </message>
    <message>
        <source>办结时限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>申请延至</source>
        <translation>Extend to</translation>
    </message>
    <message>
        <source>办理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>结案</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>返工/延期/督办</source>
        <translation>Rework / extensions / supervision</translation>
    </message>
    <message>
        <source>治理计划</source>
        <translation>Governance plan</translation>
    </message>
    <message>
        <source>下次复查</source>
        <translation>Next review</translation>
    </message>
    <message>
        <source>认领</source>
        <translation>Claim</translation>
    </message>
    <message>
        <source>最后修改</source>
        <translation>Last changed</translation>
    </message>
    <message>
        <source>相关案件</source>
        <translation>Related cases</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>按时</source>
        <translation>on time</translation>
    </message>
    <message>
        <source>超时</source>
        <translation>late</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <source>连接数据库</source>
        <translation>Connect to database</translation>
    </message>
    <message>
        <source>本机内置数据库（单席位）</source>
        <translation>Embedded database on this computer (one seat)</translation>
    </message>
    <message>
        <source>共享数据库服务器 PostgreSQL（多席位）</source>
        <translation>Shared PostgreSQL server (several seats)</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>在系统密钥环中保存密码</source>
        <translation>Save the password in the system keyring</translation>
    </message>
    <message>
        <source>服务器</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>端口</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>连接</source>
        <translation>Connect</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>测试连接</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>选择数据库文件</source>
        <translation>Choose database file</translation>
    </message>
    <message>
        <source>数据库文件 (*.db)</source>
        <translation>Database files (*.db)</translation>
    </message>
    <message>
        <source>正在连接…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>连接成功：%1</source>
        <translation>Connected: %1</translation>
    </message>
</context>
<context>
    <name>GridPanel</name>
    <message>
        <source>一级网格</source>
        <translation>Level-1 grid</translation>
    </message>
    <message>
        <source>二级网格</source>
        <translation>Level-2 grid</translation>
    </message>
    <message>
        <source>三级网格</source>
        <translation>Level-3 grid</translation>
    </message>
    <message>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>案件总数</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>未结</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>已办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>在岗人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>自</source>
        <translation>since</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>历任</source>
        <translation>Former holders</translation>
    </message>
</context>
<context>
    <name>GridTreeModel</name>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>未结</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>网格化管理指挥调度台</source>
        <translation>Grid Management Dispatch Console</translation>
    </message>
    <message>
        <source>搜索网格：名称、编码或拼音首字母</source>
        <translation>Search grids: name, code or pinyin initials</translation>
    </message>
    <message>
        <source>搜索：案件编号、内容、地址、网格（可用拼音首字母）</source>
        <translation>Search: case number, text, address, grid (pinyin initials)</translation>
    </message>
    <message>
        <source>已连接</source>
        <translation>Connected</translation>
    </message>
    <message>
        <source>正在连接变更通知…</source>
        <translation>Connecting to change notifications…</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>案件(&amp;C)</source>
        <translation>&amp;Case</translation>
    </message>
    <message>
        <source>筛选(&amp;Q)</source>
        <translation>&amp;Filter</translation>
    </message>
    <message>
        <source>设置(&amp;S)</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <source>共 %1 件</source>
        <translation>%1 cases</translation>
    </message>
    <message>
        <source>等 %1 件</source>
        <translation>and %1 more</translation>
    </message>
    <message>
        <source>新上报案件（待受理）：</source>
        <translation>New case to accept: </translation>
    </message>
    <message>
        <source>已连接 · 实时更新</source>
        <translation>Connected · live</translation>
    </message>
    <message>
        <source>连接中断</source>
        <translation>Disconnected</translation>
    </message>
    <message>
        <source>与数据库的连接已中断，正在自动重连…（%1）</source>
        <translation>The database connection was lost; reconnecting… (%1)</translation>
    </message>
    <message>
        <source>转到案件</source>
        <translation>Go to case</translation>
    </message>
    <message>
        <source>案件编号（如 2026-000123）：</source>
        <translation>Case number (e.g. 2026-000123):</translation>
    </message>
    <message>
        <source>已关注 %1</source>
        <translation>Watching %1</translation>
    </message>
    <message>
        <source>已取消关注 %1</source>
        <translation>No longer watching %1</translation>
    </message>
    <message>
        <source>添加附件</source>
        <translation>Add attachment</translation>
    </message>
    <message>
        <source>图片和文档 (*.jpg *.jpeg *.png *.pdf *.doc *.docx);;全部文件 (*)</source>
        <translation>Pictures and documents (*.jpg *.jpeg *.png *.pdf *.doc *.docx);;All files (*)</translation>
    </message>
    <message>
        <source>界面语言将在重新启动后生效</source>
        <translation>The language changes at the next start</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>连接数据库…</source>
        <translation>Connect to database…</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>转到案件…</source>
        <translation>Go to case…</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>搜索案件</source>
        <translation>Search cases</translation>
    </message>
    <message>
        <source>搜索网格</source>
        <translation>Search grids</translation>
    </message>
    <message>
        <source>关注此案件</source>
        <translation>Watch this case</translation>
    </message>
    <message>
        <source>取消关注</source>
        <translation>Stop watching</translation>
    </message>
    <message>
        <source>添加附件…</source>
        <translation>Add attachment…</translation>
    </message>
    <message>
        <source>显示全部网格</source>
        <translation>Show all grids</translation>
    </message>
    <message>
        <source>新案件声音提示</source>
        <translation>Sound on new cases</translation>
    </message>
    <message>
        <source>全部未结</source>
        <translation>All open</translation>
    </message>
    <message>
        <source>待受理</source>
        <translation>To accept</translation>
    </message>
    <message>
        <source>待派遣</source>
        <translation>To dispatch</translation>
    </message>
    <message>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>待核查</source>
        <translation>To verify</translation>
    </message>
    <message>
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>我关注的</source>
        <translation>Watched</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>灯</source>
        <translation>Light</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>概要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>牵头部门</source>
        <translation>Lead department</translation>
    </message>
    <message>
        <source>时限/剩余</source>
        <translation>Deadline / left</translation>
    </message>
    <message>
        <source>上报时间</source>
        <translation>Reported</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <source>待受理</source>
        <translation>To accept</translation>
    </message>
    <message>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>即将超期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>今日新增</source>
        <translation>New today</translation>
    </message>
    <message>
        <source>今日办结</source>
        <translation>Closed today</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>密码未保存</source>
        <translation>Password not saved</translation>
    </message>
    <message>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
</context>
<context>
    <name>domain</name>
    <message>
        <source>待受理</source>
        <translation>To accept</translation>
    </message>
    <message>
        <source>待派遣</source>
        <translation>To dispatch</translation>
    </message>
    <message>
        <source>待签收</source>
        <translation>To sign</translation>
    </message>
    <message>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>延期审批中</source>
        <translation>Extension pending</translation>
    </message>
    <message>
        <source>待核查</source>
        <translation>To verify</translation>
    </message>
    <message>
        <source>待结案</source>
        <translation>To close</translation>
    </message>
    <message>
        <source>已结案</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>已评价</source>
        <translation>Evaluated</translation>
    </message>
    <message>
        <source>已上报县级</source>
        <translation>Escalated to county</translation>
    </message>
    <message>
        <source>挂账</source>
        <translation>Long-term</translation>
    </message>
    <message>
        <source>不予受理</source>
        <translation>Reject</translation>
    </message>
    <message>
        <source>已合并</source>
        <translation>Merged</translation>
    </message>
    <message>
        <source>已解决</source>
        <translation>Solved</translation>
    </message>
    <message>
        <source>无法解决</source>
        <translation>Unsolvable</translation>
    </message>
    <message>
        <source>反映不实</source>
        <translation>Unfounded</translation>
    </message>
    <message>
        <source>重复件</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <source>新建</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>更名</source>
        <translation>Rename</translation>
    </message>
    <message>
        <source>拆分</source>
        <translation>Split</translation>
    </message>
    <message>
        <source>合并</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <source>常规网格</source>
        <translation>Regular grid</translation>
    </message>
    <message>
        <source>企业网格</source>
        <translation>Enterprise grid</translation>
    </message>
    <message>
        <source>专属网格</source>
        <translation>Special grid</translation>
    </message>
    <message>
        <source>网格长</source>
        <translation>Grid leader</translation>
    </message>
    <message>
        <source>网格员</source>
        <translation>Grid worker</translation>
    </message>
    <message>
        <source>督导员</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>巡查员</source>
        <translation>Patroller</translation>
    </message>
    <message>
        <source>协理员</source>
        <translation>Assistant</translation>
    </message>
    <message>
        <source>专管员</source>
        <translation>Specialist</translation>
    </message>
    <message>
        <source>信息员</source>
        <translation>Informant</translation>
    </message>
    <message>
        <source>紧急小时</source>
        <translation>Urgent hours</translation>
    </message>
    <message>
        <source>工作时</source>
        <translation>Working hours</translation>
    </message>
    <message>
        <source>工作日</source>
        <translation>Working days</translation>
    </message>
    <message>
        <source>自然日</source>
        <translation>Calendar days</translation>
    </message>
    <message>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>基本满意</source>
        <translation>Mostly satisfied</translation>
    </message>
    <message>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <source>简单</source>
        <translation>Simple</translation>
    </message>
    <message>
        <source>一般</source>
        <translation>General</translation>
    </message>
    <message>
        <source>复杂</source>
        <translation>Complex</translation>
    </message>
    <message>
        <source>网格员巡查</source>
        <translation>Grid patrol</translation>
    </message>
    <message>
        <source>群众反映</source>
        <translation>Resident report</translation>
    </message>
    <message>
        <source>12345热线</source>
        <translation>12345 hotline</translation>
    </message>
    <message>
        <source>部门移交</source>
        <translation>Department referral</translation>
    </message>
    <message>
        <source>督查发现</source>
        <translation>Supervisor finding</translation>
    </message>
    <message>
        <source>受理/立案</source>
        <translation>Intake</translation>
    </message>
    <message>
        <source>派遣</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <source>处置</source>
        <translation>Handling</translation>
    </message>
    <message>
        <source>核查</source>
        <translation>Verify</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>即将超期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>计时暂停</source>
        <translation>Clock paused</translation>
    </message>
    <message>
        <source>不计时</source>
        <translation>Untimed</translation>
    </message>
    <message>
        <source>内部</source>
        <translation>Internal</translation>
    </message>
    <message>
        <source>可公开</source>
        <translation>Public</translation>
    </message>
    <message>
        <source>受理立案</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>合并重复件</source>
        <translation>Merge duplicate</translation>
    </message>
    <message>
        <source>签收</source>
        <translation>Sign</translation>
    </message>
    <message>
        <source>进展记录</source>
        <translation>Record progress</translation>
    </message>
    <message>
        <source>办理反馈</source>
        <translation>Report result</translation>
    </message>
    <message>
        <source>退回中心</source>
        <translation>Return to center</translation>
    </message>
    <message>
        <source>结案</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>回访评价</source>
        <translation>Callback</translation>
    </message>
    <message>
        <source>申请延期</source>
        <translation>Request extension</translation>
    </message>
    <message>
        <source>延期审批</source>
        <translation>Decide extension</translation>
    </message>
    <message>
        <source>上报县级</source>
        <translation>Escalate to county</translation>
    </message>
    <message>
        <source>县级回复</source>
        <translation>County answer</translation>
    </message>
    <message>
        <source>恢复办理</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>督办</source>
        <translation>Supervise</translation>
    </message>
    <message>
        <source>认领</source>
        <translation>Claim</translation>
    </message>
    <message>
        <source>释放认领</source>
        <translation>Release claim</translation>
    </message>
    <message>
        <source>添加附件</source>
        <translation>Add attachment</translation>
    </message>
    <message>
        <source>关注</source>
        <translation>Watch</translation>
    </message>
    <message>
        <source>上报</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>合并入本案</source>
        <translation>Merged into this case</translation>
    </message>
    <message>
        <source>本案并入</source>
        <translation>This case merged into</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>无法连接数据库：%1</source>
        <translation>Cannot reach the database: %1</translation>
    </message>
    <message>
        <source>程序内部错误：%1</source>
        <translation>Internal error: %1</translation>
    </message>
    <message>
        <source>操作未完成</source>
        <translation>Not done</translation>
    </message>
</context>
<context>
    <name>timefmt</name>
    <message>
        <source>%1天%2小时</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <source>%1小时%2分</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1分</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>计时暂停</source>
        <translation>Clock paused</translation>
    </message>
    <message>
        <source>超期 %1</source>
        <translation>%1 overdue</translation>
    </message>
    <message>
        <source>剩 %1</source>
        <translation>%1 left</translation>
    </message>
</context>
</TS>
