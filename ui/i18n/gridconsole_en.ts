<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AdminWindow</name>
    <message>
        <source>系统管理</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>保存密码策略</source>
        <translation>Save password policy</translation>
    </message>
    <message>
        <source>登录名</source>
        <translation>Login name</translation>
    </message>
    <message>
        <source>全部事件</source>
        <translation>All events</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>导出 CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>新建用户</source>
        <translation>New user</translation>
    </message>
    <message>
        <source>登录名（小写字母开头，如 wangjg）</source>
        <translation>Login name (starts with a lower-case letter, e.g. wangjg)</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <source>授予</source>
        <translation>Grant</translation>
    </message>
    <message>
        <source>岗位</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>导出审计日志</source>
        <translation>Export audit log</translation>
    </message>
    <message>
        <source>CSV 文件 (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>密码有效期至</source>
        <translation>Password valid until</translation>
    </message>
    <message>
        <source>新建用户…</source>
        <translation>New user…</translation>
    </message>
    <message>
        <source>授予岗位…</source>
        <translation>Grant post…</translation>
    </message>
    <message>
        <source>撤销岗位…</source>
        <translation>Revoke post…</translation>
    </message>
    <message>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>解除锁定</source>
        <translation>Unlock account</translation>
    </message>
    <message>
        <source>最小长度</source>
        <translation>Minimum length</translation>
    </message>
    <message>
        <source>至少包含字符类别</source>
        <translation>Character classes required</translation>
    </message>
    <message>
        <source>有效期（天，0 为不过期）</source>
        <translation>Valid for (days, 0 = never expires)</translation>
    </message>
    <message>
        <source>不得重复最近几次</source>
        <translation>May not repeat the last N passwords</translation>
    </message>
    <message>
        <source>连续失败几次锁定</source>
        <translation>Lock after N failed logins</translation>
    </message>
    <message>
        <source>锁定时长（分钟）</source>
        <translation>Lockout duration (minutes)</translation>
    </message>
    <message>
        <source>无操作锁屏（分钟）</source>
        <translation>Lock screen when idle (minutes)</translation>
    </message>
    <message>
        <source>审计日志保存（天，至少 180）</source>
        <translation>Keep audit log (days, at least 180)</translation>
    </message>
    <message>
        <source>自</source>
        <translation>From</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>席位</source>
        <translation>Seat</translation>
    </message>
    <message>
        <source>事件</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Object</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>（待改密码）</source>
        <translation> (must change password)</translation>
    </message>
    <message>
        <source>无岗位</source>
        <translation>No post</translation>
    </message>
    <message>
        <source>请先在列表中选择用户</source>
        <translation>Select a user in the list first</translation>
    </message>
    <message>
        <source>授予岗位</source>
        <translation>Grant post</translation>
    </message>
    <message>
        <source>撤销岗位</source>
        <translation>Revoke post</translation>
    </message>
    <message>
        <source>所在部门（名称或编码）</source>
        <translation>Department (name or code)</translation>
    </message>
    <message>
        <source>负责网格（编码）</source>
        <translation>Grid in charge (code)</translation>
    </message>
    <message>
        <source>密码策略已保存</source>
        <translation>Password policy saved</translation>
    </message>
    <message>
        <source>初始设置</source>
        <translation>initial setup</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>成功</source>
        <translation>Success</translation>
    </message>
    <message>
        <source>失败</source>
        <translation>Failure</translation>
    </message>
    <message>
        <source>共 %1 条</source>
        <translation>%1 records</translation>
    </message>
    <message>
        <source>密码策略</source>
        <translation>Password policy</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>已解除 %1 的登录锁定</source>
        <translation>Unlocked %1</translation>
    </message>
    <message>
        <source>当前用户：%1（%2）</source>
        <translation>Signed in as %1 (%2)</translation>
    </message>
    <message>
        <source>锁定至 %1</source>
        <translation>Locked until %1</translation>
    </message>
    <message>
        <source>已新建用户 %1，初始密码：%2（首次登录须修改）</source>
        <translation>User %1 created; initial password: %2 (must be changed at first login)</translation>
    </message>
    <message>
        <source>已重置 %1 的密码：%2（下次登录须修改）</source>
        <translation>Password of %1 reset to %2 (must be changed at next login)</translation>
    </message>
    <message>
        <source>为 %1 生成新的初始密码？</source>
        <translation>Generate a new initial password for %1?</translation>
    </message>
    <message>
        <source>已导出 %1 条审计记录到 %2</source>
        <translation>Exported %1 audit records to %2</translation>
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
        <source>本环节时限</source>
        <translation>Stage due</translation>
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
        <translation>Rework / extensions / supervision notices</translation>
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
        <source>按时</source>
        <translation>on time</translation>
    </message>
    <message>
        <source>超时</source>
        <translation>late</translation>
    </message>
    <message>
        <source> · 紧急</source>
        <translation> · urgent</translation>
    </message>
    <message>
        <source>相关案件</source>
        <translation>Related cases</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>Attachments</translation>
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
    <name>Dialogs</name>
    <message>
        <source>案件已被他人修改：请先重新载入，核对后再提交</source>
        <translation>Someone else changed this case: reload it and check before you submit</translation>
    </message>
    <message>
        <source>重新载入案件（保留已填写内容）</source>
        <translation>Reload the case (keeps what you typed)</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>请填写%1</source>
        <translation>Fill in: %1</translation>
    </message>
    <message>
        <source>记录可见范围</source>
        <translation>Note visibility</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>可公开：此说明可告知反映人</source>
        <translation>Public: this note may be told to the reporter</translation>
    </message>
    <message>
        <source>内部：仅中心和办理部门可见</source>
        <translation>Internal: seen only by the center and the handling departments</translation>
    </message>
    <message>
        <source>案件</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>%1过长（最多 %2 字，现 %3 字）</source>
        <translation>Too long: %1 (at most %2 characters, now %3)</translation>
    </message>
    <message>
        <source>结案类型*</source>
        <translation>Close type*</translation>
    </message>
    <message>
        <source>结案说明</source>
        <translation>Closing note</translation>
    </message>
    <message>
        <source>请选择结案类型：已解决、无法解决、反映不实或重复件</source>
        <translation>Choose a close type: solved, unsolvable, unfounded or duplicate</translation>
    </message>
    <message>
        <source>办理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>核查结果*</source>
        <translation>Verification result*</translation>
    </message>
    <message>
        <source>核查意见/原因</source>
        <translation>Verification note / reason</translation>
    </message>
    <message>
        <source>指定返工时限</source>
        <translation>Set a rework deadline</translation>
    </message>
    <message>
        <source>通过后立即结案</source>
        <translation>Close as soon as it passes</translation>
    </message>
    <message>
        <source>请选择核查结果：通过或不通过</source>
        <translation>Choose a verification result: pass or fail</translation>
    </message>
    <message>
        <source>结案情况</source>
        <translation>Closing summary</translation>
    </message>
    <message>
        <source>群众满意度*</source>
        <translation>Resident satisfaction*</translation>
    </message>
    <message>
        <source>回访意见</source>
        <translation>Callback comment</translation>
    </message>
    <message>
        <source>请选择群众满意度：满意、基本满意或不满意</source>
        <translation>Choose the resident's satisfaction: satisfied, mostly satisfied or dissatisfied</translation>
    </message>
    <message>
        <source>问题已解决</source>
        <translation>The problem is solved</translation>
    </message>
    <message>
        <source>无法解决：须写明原因</source>
        <translation>Unsolvable: state the reason</translation>
    </message>
    <message>
        <source>反映不实：须写明核实情况</source>
        <translation>Unfounded: state what the check found</translation>
    </message>
    <message>
        <source>重复件：须写明与哪件重复</source>
        <translation>Duplicate: state which case it duplicates</translation>
    </message>
    <message>
        <source>返工时限不能早于当前时间</source>
        <translation>The rework deadline cannot be in the past</translation>
    </message>
    <message>
        <source>核查意见</source>
        <translation>Verification note</translation>
    </message>
    <message>
        <source>通过</source>
        <translation>Pass</translation>
    </message>
    <message>
        <source>不通过，返工</source>
        <translation>Fail, send back for rework</translation>
    </message>
    <message>
        <source>核查不通过的原因</source>
        <translation>Reason the verification failed</translation>
    </message>
    <message>
        <source>（已返工 %1 次）</source>
        <translation> (reworked %1 times)</translation>
    </message>
    <message>
        <source>派遣</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <source>批量派遣</source>
        <translation>Batch dispatch</translation>
    </message>
    <message>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <source>牵头部门*</source>
        <translation>Lead department*</translation>
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
        <source>办结时限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>调整办结时限（须填写理由）</source>
        <translation>Change the deadline (give a reason)</translation>
    </message>
    <message>
        <source>调整为</source>
        <translation>Change to</translation>
    </message>
    <message>
        <source>为什么不按事项清单的时限</source>
        <translation>Why the item-list time limit does not apply</translation>
    </message>
    <message>
        <source>调整理由</source>
        <translation>Reason for change</translation>
    </message>
    <message>
        <source>交办要求</source>
        <translation>Instructions</translation>
    </message>
    <message>
        <source>（不指定）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>请选择牵头部门</source>
        <translation>Choose the lead department</translation>
    </message>
    <message>
        <source>办结时限不能早于当前时间</source>
        <translation>The deadline cannot be in the past</translation>
    </message>
    <message>
        <source>调整时限的理由</source>
        <translation>Reason for changing the deadline</translation>
    </message>
    <message>
        <source>事项清单未指定牵头部门</source>
        <translation>The item list names no lead department</translation>
    </message>
    <message>
        <source>修改办结时限须填写理由</source>
        <translation>Changing the deadline needs a reason</translation>
    </message>
    <message>
        <source>应于 %1 前办结</source>
        <translation>Due by %1</translation>
    </message>
    <message>
        <source>按各案件类别的事项清单时限</source>
        <translation>Each case by its category's item-list limit</translation>
    </message>
    <message>
        <source>&lt;b&gt;批量派遣 %1 件&lt;/b&gt;，使用相同的部门、责任人和交办要求</source>
        <translation>&lt;b&gt;Dispatch %1 cases at once&lt;/b&gt;, with the same departments, responsible person and instructions</translation>
    </message>
    <message>
        <source>按事项清单建议：%1</source>
        <translation>Item list suggests: %1</translation>
    </message>
    <message>
        <source>事项清单：%1</source>
        <translation>Item list: %1</translation>
    </message>
    <message>
        <source>签收说明</source>
        <translation>Acknowledgement note</translation>
    </message>
    <message>
        <source>进展情况</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>可见范围*</source>
        <translation>Visibility*</translation>
    </message>
    <message>
        <source>反馈说明</source>
        <translation>Result note</translation>
    </message>
    <message>
        <source>处置照片</source>
        <translation>Photos of the work done</translation>
    </message>
    <message>
        <source>当前办结时限</source>
        <translation>Current deadline</translation>
    </message>
    <message>
        <source>申请延至*</source>
        <translation>Extend to*</translation>
    </message>
    <message>
        <source>延期理由</source>
        <translation>Reason for extension</translation>
    </message>
    <message>
        <source>申请延期至的时间不能早于当前时间</source>
        <translation>The requested deadline cannot be in the past</translation>
    </message>
    <message>
        <source>延期申请</source>
        <translation>Extension request</translation>
    </message>
    <message>
        <source>审批结果*</source>
        <translation>Decision*</translation>
    </message>
    <message>
        <source>审批意见</source>
        <translation>Decision note</translation>
    </message>
    <message>
        <source>请选择同意或不同意延期</source>
        <translation>Choose whether to approve or deny the extension</translation>
    </message>
    <message>
        <source>退回理由</source>
        <translation>Reason for return</translation>
    </message>
    <message>
        <source>（未设时限）</source>
        <translation>(no deadline)</translation>
    </message>
    <message>
        <source>内部（仅中心和办理部门可见）</source>
        <translation>Internal (seen only by the center and the handling departments)</translation>
    </message>
    <message>
        <source>可公开（可告知反映人）</source>
        <translation>Public (may be told to the reporter)</translation>
    </message>
    <message>
        <source>同意延期</source>
        <translation>Approve extension</translation>
    </message>
    <message>
        <source>不同意</source>
        <translation>Deny</translation>
    </message>
    <message>
        <source>延期后的时限须晚于当前时限 %1</source>
        <translation>The extended deadline must be later than the current one, %1</translation>
    </message>
    <message>
        <source>退回后案件回到“%1”，由中心重新派遣（当前牵头部门：%2）</source>
        <translation>Once returned, the case goes back to “%1” and the center dispatches it again (current lead department: %2)</translation>
    </message>
    <message>
        <source>当前时限 %1，申请延至 %2。理由：%3</source>
        <translation>Current deadline %1, extension requested to %2. Reason: %3</translation>
    </message>
    <message>
        <source>受理登记</source>
        <translation>Intake registration</translation>
    </message>
    <message>
        <source>所属网格*</source>
        <translation>Grid*</translation>
    </message>
    <message>
        <source>问题类别*</source>
        <translation>Problem category*</translation>
    </message>
    <message>
        <source>（按类别默认）</source>
        <translation>(category default)</translation>
    </message>
    <message>
        <source>复杂程度</source>
        <translation>Complexity</translation>
    </message>
    <message>
        <source>来源*</source>
        <translation>Source*</translation>
    </message>
    <message>
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <source>一句话说明问题，如：一号楼院门口垃圾堆积</source>
        <translation>The problem in one sentence, e.g. rubbish piling up at the gate of building 1</translation>
    </message>
    <message>
        <source>问题摘要*</source>
        <translation>Summary*</translation>
    </message>
    <message>
        <source>详细情况</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>涉及人员姓名、联系方式（仅填工作需要的信息）</source>
        <translation>Names and contacts of the people involved (only what the work needs)</translation>
    </message>
    <message>
        <source>涉及人员</source>
        <translation>People involved</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>反映人</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <source>自巡自办（网格员已当场处置）</source>
        <translation>Self-handled (the grid worker dealt with it on the spot)</translation>
    </message>
    <message>
        <source>已采取的处置措施</source>
        <translation>Measures already taken</translation>
    </message>
    <message>
        <source>处置情况</source>
        <translation>Handling done</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
    <message>
        <source>可能重复的案件（同一网格、近30天、内容相似）：</source>
        <translation>Possible duplicates (same grid, last 30 days, similar text):</translation>
    </message>
    <message>
        <source>合并到所选案件</source>
        <translation>Merge into the selected case</translation>
    </message>
    <message>
        <source>作为复发件登记并关联</source>
        <translation>File as a recurrence, linked</translation>
    </message>
    <message>
        <source>重新办理原案件（不另立案）</source>
        <translation>Reopen the original case (no new case)</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>请选择所属网格</source>
        <translation>Choose the grid</translation>
    </message>
    <message>
        <source>请选择问题类别</source>
        <translation>Choose the problem category</translation>
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
        <source>合并重复件</source>
        <translation>Merge duplicate</translation>
    </message>
    <message>
        <source>可能重复</source>
        <translation>Possible duplicates</translation>
    </message>
    <message>
        <source>如 2026-000123</source>
        <translation>e.g. 2026-000123</translation>
    </message>
    <message>
        <source>合并到案件编号*</source>
        <translation>Merge into case number*</translation>
    </message>
    <message>
        <source>合并说明</source>
        <translation>Merge note</translation>
    </message>
    <message>
        <source>请填写要合并到的案件编号</source>
        <translation>Enter the number of the case to merge into</translation>
    </message>
    <message>
        <source>案件编号格式应为 年份-6位序号，如 2026-000123</source>
        <translation>A case number is the year and a 6-digit sequence number, e.g. 2026-000123</translation>
    </message>
    <message>
        <source>不能把案件合并到它自己</source>
        <translation>A case cannot be merged into itself</translation>
    </message>
    <message>
        <source>相似度 %1%</source>
        <translation>%1% similar</translation>
    </message>
    <message>
        <source>未发现可能重复的案件（同一网格、近30天、内容相似）</source>
        <translation>No possible duplicates found (same grid, last 30 days, similar text)</translation>
    </message>
    <message>
        <source>问题摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>反映人姓名</source>
        <translation>Reporter's name</translation>
    </message>
    <message>
        <source>反映人电话只能包含数字，5 到 20 位</source>
        <translation>The reporter's phone must be 5 to 20 digits</translation>
    </message>
    <message>
        <source>受理后案件转入“待派遣”。</source>
        <translation>Once accepted, the case goes to “Pending dispatch”.</translation>
    </message>
    <message>
        <source>（同一网格近30天内未发现相似案件，可直接输入编号）</source>
        <translation>(no similar case in this grid in the last 30 days; type the number directly)</translation>
    </message>
    <message>
        <source>发现 %1 件可能重复的案件（同一网格、近30天、内容相似），可一键合并：</source>
        <translation>Found %1 possible duplicates (same grid, last 30 days, similar text); merge with one click:</translation>
    </message>
    <message>
        <source>自巡自办案件：受理后直接转入“待核查”。处置情况：%1</source>
        <translation>Self-handled case: once accepted it goes straight to “Pending verification”. Handling done: %1</translation>
    </message>
    <message>
        <source>默认“%1”，时限 %2</source>
        <translation>Default “%1”, time limit %2</translation>
    </message>
    <message>
        <source>上报照片</source>
        <translation>Photos reported</translation>
    </message>
    <message>
        <source>案件现为“%1”。请重新载入，核对后再决定是否提交。</source>
        <translation>The case is now “%1”. Reload it and check before you decide to submit.</translation>
    </message>
    <message>
        <source>办理反馈照片</source>
        <translation>Photos of the result</translation>
    </message>
    <message>
        <source>对方所做的修改：</source>
        <translation>What the other seat changed:</translation>
    </message>
    <message>
        <source>案件 %1 已保存，但以下内容未完成：</source>
        <translation>Case %1 was saved, but these steps were not done:</translation>
    </message>
    <message>
        <source>已派遣 %1 件；以下案件未派遣：</source>
        <translation>Dispatched %1 cases; these were not dispatched:</translation>
    </message>
    <message>
        <source>已派遣 %1 件；其余案件未派遣：</source>
        <translation>%1 dispatched; the others were not: </translation>
    </message>
    <message>
        <source>（未记录）</source>
        <translation>(not recorded)</translation>
    </message>
    <message>
        <source>。您的操作没有保存，已填写的内容仍保留。</source>
        <translation>. Your action was not saved; what you typed is kept.</translation>
    </message>
    <message>
        <source>未附上的照片：%1</source>
        <translation>Photos not attached: %1</translation>
    </message>
    <message>
        <source>结案未完成：%1</source>
        <translation>Closing not done: %1</translation>
    </message>
    <message>
        <source>合并未完成：%1</source>
        <translation>Merge not done: %1</translation>
    </message>
    <message>
        <source>上报县级说明</source>
        <translation>Escalation note</translation>
    </message>
    <message>
        <source>上报内容</source>
        <translation>Escalation content</translation>
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
        <source>每行一个节点：日期 内容，如 2026-12-31 完成拆除（Shift+回车换行）</source>
        <translation>One milestone per line: date and text, e.g. 2026-12-31 demolition finished (Shift+Enter for a new line)</translation>
    </message>
    <message>
        <source>节点安排</source>
        <translation>Milestones</translation>
    </message>
    <message>
        <source>下次复核日期*</source>
        <translation>Next review on*</translation>
    </message>
    <message>
        <source>挂账说明</source>
        <translation>Ledger note</translation>
    </message>
    <message>
        <source>下次复核日期不能早于今天</source>
        <translation>The next review cannot be before today</translation>
    </message>
    <message>
        <source>治理计划</source>
        <translation>Governance plan</translation>
    </message>
    <message>
        <source>恢复办理说明</source>
        <translation>Resumption note</translation>
    </message>
    <message>
        <source>案件时限</source>
        <translation>Case deadline</translation>
    </message>
    <message>
        <source>督办对象*</source>
        <translation>Notice addressed to*</translation>
    </message>
    <message>
        <source>督办内容</source>
        <translation>Supervision notice text</translation>
    </message>
    <message>
        <source>确定要执行此操作吗？</source>
        <translation>Carry out this action?</translation>
    </message>
    <message>
        <source>照片*</source>
        <translation>Photos*</translation>
    </message>
    <message>
        <source>附件说明</source>
        <translation>Attachment note</translation>
    </message>
    <message>
        <source>请添加照片（可拖放到列表中）</source>
        <translation>Add photos (you can drop them on the list)</translation>
    </message>
    <message>
        <source>上报县级后计时暂停，待县级答复后回到“待派遣”。</source>
        <translation>Once escalated to the county the clock stops; after the county answers the case returns to “Pending dispatch”.</translation>
    </message>
    <message>
        <source>督办对象</source>
        <translation>Notice addressed to</translation>
    </message>
    <message>
        <source>认领后，其他调度员在认领期间不能处理此案件。</source>
        <translation>While you hold the claim, other dispatchers cannot work on this case.</translation>
    </message>
    <message>
        <source>释放认领后，其他调度员可以处理此案件。</source>
        <translation>Once the claim is released, other dispatchers can work on this case.</translation>
    </message>
    <message>
        <source>第 %1 个节点应写成“日期 内容”，如 2026-12-31 完成拆除</source>
        <translation>Milestone %1 should read “date text”, e.g. 2026-12-31 demolition finished</translation>
    </message>
    <message>
        <source>第 %1 个节点的日期无效</source>
        <translation>Milestone %1 has an invalid date</translation>
    </message>
    <message>
        <source>　已督办 %1 次</source>
        <translation>　supervision notices: %1</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>常用语</source>
        <translation>Phrases</translation>
    </message>
    <message>
        <source>插入常用语（空格键打开）</source>
        <translation>Insert a common phrase (Space opens the list)</translation>
    </message>
    <message>
        <source>可将照片文件拖放到此处</source>
        <translation>You can drop photo files here</translation>
    </message>
    <message>
        <source>添加照片…</source>
        <translation>Add photos…</translation>
    </message>
    <message>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>选择照片</source>
        <translation>Choose photos</translation>
    </message>
    <message>
        <source>输入网格编码、名称或拼音首字母</source>
        <translation>Type a grid code, name or pinyin initials</translation>
    </message>
    <message>
        <source>每行一条常用语：</source>
        <translation>One phrase per line:</translation>
    </message>
    <message>
        <source>编辑常用语…</source>
        <translation>Edit phrases…</translation>
    </message>
    <message>
        <source>未选择网格</source>
        <translation>No grid chosen</translation>
    </message>
    <message>
        <source>编辑常用语 — %1</source>
        <translation>Edit phrases — %1</translation>
    </message>
    <message>
        <source>照片 (%1)</source>
        <translation>Photos (%1)</translation>
    </message>
    <message>
        <source>%1级</source>
        <translation>level %1</translation>
    </message>
    <message>
        <source>照片最多 %1 张</source>
        <translation>At most %1 photos</translation>
    </message>
    <message>
        <source>“%1”不是照片文件</source>
        <translation>“%1” is not a photo file</translation>
    </message>
    <message>
        <source>“%1”是空文件</source>
        <translation>“%1” is an empty file</translation>
    </message>
    <message>
        <source>已选：%1（%2）</source>
        <translation>Chosen: %1 (%2)</translation>
    </message>
    <message>
        <source>无法读取“%1”：%2</source>
        <translation>Cannot read “%1”: %2</translation>
    </message>
    <message>
        <source>“%1”大小 %2 MB，超过上限 %3 MB，请压缩后再添加</source>
        <translation>“%1” is %2 MB, over the %3 MB limit; compress it and add it again</translation>
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
        <source>户数</source>
        <translation>Households</translation>
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
    <name>IdleLock</name>
    <message>
        <source>控制台已锁定</source>
        <translation>Console locked</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>注销</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>正在验证…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>（只能注销）</source>
        <translation>(log out only)</translation>
    </message>
    <message>
        <source>长时间无操作，已自动锁定。请 %1 输入密码解锁，未保存的内容都还在。</source>
        <translation>Locked after a long time without activity. %1, enter your password to unlock; nothing you have not saved is lost.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>本机没有可用的系统密钥环（keyring），不能记住密码：请安装并解锁 Secret Service（如 GNOME Keyring）或 KWallet，或每次登录时输入密码。密码不会以其他方式保存。</source>
        <translation>This computer has no usable system keyring, so the password cannot be remembered: install and unlock a Secret Service (such as GNOME Keyring) or KWallet, or type the password at each login. The password is never stored any other way.</translation>
    </message>
    <message>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>再次输入</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <source>至少 8 位，含大写字母、小写字母、数字、特殊字符中至少 3 类，不能包含用户名，不能与最近 5 次的密码相同。</source>
        <translation>At least 8 characters from at least 3 of: upper-case letters, lower-case letters, digits, special characters; it may not contain the user name nor repeat any of the last 5 passwords.</translation>
    </message>
    <message>
        <source>修改</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>登录 — 网格化管理指挥调度台</source>
        <translation>Log in — Grid Management Dispatch Console</translation>
    </message>
    <message>
        <source>网格化管理指挥调度台</source>
        <translation>Grid Management Dispatch Console</translation>
    </message>
    <message>
        <source>登录名，如 wangjg</source>
        <translation>Login name, e.g. wangjg</translation>
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
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>本机内置数据库（单席位）</source>
        <translation>Embedded database on this computer (one seat)</translation>
    </message>
    <message>
        <source>数据库服务器 PostgreSQL（多席位）</source>
        <translation>PostgreSQL database server (several seats)</translation>
    </message>
    <message>
        <source>记住密码（仅保存在系统密钥环中）</source>
        <translation>Remember the password (kept only in the system keyring)</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>正在登录…</source>
        <translation>Logging in…</translation>
    </message>
    <message>
        <source>须先修改密码才能登录</source>
        <translation>You must change your password before you can log in</translation>
    </message>
    <message>
        <source>正在修改密码…</source>
        <translation>Changing the password…</translation>
    </message>
    <message>
        <source>原密码</source>
        <translation>Current password</translation>
    </message>
    <message>
        <source>请输入新密码</source>
        <translation>Enter the new password</translation>
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
        <source>库名</source>
        <translation>Database name</translation>
    </message>
    <message>
        <source>两次输入的新密码不一致</source>
        <translation>The two new passwords do not match</translation>
    </message>
    <message>
        <source>密码未能保存到系统密钥环：%1</source>
        <translation>The password could not be saved in the system keyring: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
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
        <source>受理登记…</source>
        <translation>Intake registration…</translation>
    </message>
    <message>
        <source>批量派遣…</source>
        <translation>Batch dispatch…</translation>
    </message>
    <message>
        <source>打印整改台账…</source>
        <translation>Print rectification ledger…</translation>
    </message>
    <message>
        <source>新案件声音提示</source>
        <translation>Sound on new cases</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <source>系统管理…</source>
        <translation>Administration…</translation>
    </message>
    <message>
        <source>审计日志…</source>
        <translation>Audit log…</translation>
    </message>
    <message>
        <source>修改密码…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <source>注销</source>
        <translation>Log out</translation>
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
        <source>全部未结</source>
        <translation>All open</translation>
    </message>
    <message>
        <source>待受理</source>
        <translation>Pending intake</translation>
    </message>
    <message>
        <source>待派遣</source>
        <translation>Pending dispatch</translation>
    </message>
    <message>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>待核查</source>
        <translation>Pending verification</translation>
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
        <source>系统(&amp;Y)</source>
        <translation>S&amp;ystem</translation>
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
        <source>连接中断</source>
        <translation>Disconnected</translation>
    </message>
    <message>
        <source>已连接 · 实时更新</source>
        <translation>Connected · live</translation>
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
        <source>网格化管理指挥调度台</source>
        <translation>Grid Management Dispatch Console</translation>
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
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>新上报案件（待受理）：</source>
        <translation>New case pending intake: </translation>
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
        <source>与数据库的连接已中断，正在自动重连…（%1）</source>
        <translation>The database connection was lost; reconnecting… (%1)</translation>
    </message>
    <message>
        <source>所选案件中没有待派遣的案件</source>
        <translation>None of the selected cases is pending dispatch</translation>
    </message>
    <message>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>密码已修改</source>
        <translation>Password changed</translation>
    </message>
    <message>
        <source>已关注 %1</source>
        <translation>Watching %1</translation>
    </message>
    <message>
        <source>已取消关注 %1</source>
        <translation>No longer watching %1</translation>
    </message>
</context>
<context>
    <name>PrintLedgerDialog</name>
    <message>
        <source>打印问题整改台账</source>
        <translation>Print rectification ledger</translation>
    </message>
    <message>
        <source>台账范围</source>
        <translation>Ledger scope</translation>
    </message>
    <message>
        <source>全辖区</source>
        <translation>Whole jurisdiction</translation>
    </message>
    <message>
        <source>全部责任单位</source>
        <translation>All responsible units</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>只列未办结</source>
        <translation>Open cases only</translation>
    </message>
    <message>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <source>责任单位</source>
        <translation>Responsible unit</translation>
    </message>
    <message>
        <source>重点领域/类别</source>
        <translation>Key area / category</translation>
    </message>
    <message>
        <source>发现日期</source>
        <translation>Found on</translation>
    </message>
    <message>
        <source>分组小计</source>
        <translation>Group subtotals</translation>
    </message>
    <message>
        <source>打印列</source>
        <translation>Columns to print</translation>
    </message>
    <message>
        <source>生成预览</source>
        <translation>Generate preview</translation>
    </message>
    <message>
        <source>取消生成</source>
        <translation>Stop generating</translation>
    </message>
    <message>
        <source>保存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>选择范围后点击“生成预览”</source>
        <translation>Choose the scope, then click “Generate preview”</translation>
    </message>
    <message>
        <source>（尚未生成）</source>
        <translation>(not generated yet)</translation>
    </message>
    <message>
        <source>正在生成…</source>
        <translation>Generating…</translation>
    </message>
    <message>
        <source>生成失败</source>
        <translation>Generation failed</translation>
    </message>
    <message>
        <source>台账生成失败</source>
        <translation>The ledger could not be generated</translation>
    </message>
    <message>
        <source>保存台账</source>
        <translation>Save ledger</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>不分组</source>
        <translation>No grouping</translation>
    </message>
    <message>
        <source>按网格</source>
        <translation>By grid</translation>
    </message>
    <message>
        <source>按责任单位</source>
        <translation>By responsible unit</translation>
    </message>
    <message>
        <source>按问题类别</source>
        <translation>By problem category</translation>
    </message>
    <message>
        <source>第</source>
        <translation>Page</translation>
    </message>
    <message>
        <source>范围已更改，请重新生成</source>
        <translation>The scope has changed; generate again</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>页，共 %1 页</source>
        <translation>of %1</translation>
    </message>
    <message>
        <source>已保存到 %1</source>
        <translation>Saved to %1</translation>
    </message>
    <message>
        <source>已发送 %1 页到打印机</source>
        <translation>Sent %1 pages to the printer</translation>
    </message>
    <message>
        <source>重点领域·</source>
        <translation>Key area · </translation>
    </message>
    <message>
        <source>已生成 %1 页（%2/%3 件）</source>
        <translation>Generated %1 pages (%2/%3 cases)</translation>
    </message>
    <message>
        <source>正在打印第 %1/%2 页</source>
        <translation>Printing page %1/%2</translation>
    </message>
    <message>
        <source>共 %1 页，%2 件（已办结 %3，未办结 %4，超期 %5）</source>
        <translation>%1 pages, %2 cases (%3 closed, %4 open, %5 overdue)</translation>
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
    <message>
        <source>时限信号灯</source>
        <translation>Deadline light</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <source>待受理</source>
        <translation>Pending intake</translation>
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
        <translation>Pending intake</translation>
    </message>
    <message>
        <source>待派遣</source>
        <translation>Pending dispatch</translation>
    </message>
    <message>
        <source>待签收</source>
        <translation>Pending acknowledgement</translation>
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
        <translation>Pending verification</translation>
    </message>
    <message>
        <source>待结案</source>
        <translation>Pending closure</translation>
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
        <translation>Long-term (on ledger)</translation>
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
        <translation>Acknowledge receipt</translation>
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
        <translation>Callback evaluation</translation>
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
        <source>重新办理</source>
        <translation>Reopen for rework</translation>
    </message>
    <message>
        <source>督办</source>
        <translation>Supervision notice</translation>
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
        <translation>Reported</translation>
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
        <source>程序内部错误：%1</source>
        <translation>Internal error: %1</translation>
    </message>
    <message>
        <source>操作未完成</source>
        <translation>Not done</translation>
    </message>
    <message>
        <source>无法连接数据库：%1</source>
        <translation>Cannot reach the database: %1</translation>
    </message>
</context>
<context>
    <name>masking</name>
    <message>
        <source>显示完整号码</source>
        <translation>Show the full number</translation>
    </message>
    <message>
        <source>无权查看完整号码</source>
        <translation>You may not see the full number</translation>
    </message>
</context>
<context>
    <name>timefmt</name>
    <message>
        <source>计时暂停</source>
        <translation>Clock paused</translation>
    </message>
    <message>
        <source>%1分</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>剩 %1</source>
        <translation>%1 left</translation>
    </message>
    <message>
        <source>超期 %1</source>
        <translation>%1 overdue</translation>
    </message>
    <message>
        <source>%1天%2小时</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <source>%1小时%2分</source>
        <translation>%1 h %2 min</translation>
    </message>
</context>
</TS>
