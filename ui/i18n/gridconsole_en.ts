<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AdminWindow</name>
    <message>
        <location filename="../admin_window.py" line="+101"/>
        <source>系统管理</source>
        <translation>Administration</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>保存密码策略</source>
        <translation>Save password policy</translation>
    </message>
    <message>
        <location line="-43"/>
        <location line="+59"/>
        <source>登录名</source>
        <translation>Login name</translation>
    </message>
    <message>
        <location line="-125"/>
        <source>有效期（天）</source>
        <translation>Valid for (days)</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>全部事件</source>
        <translation>All events</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>导出 CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location line="+153"/>
        <location line="+3"/>
        <source>新建用户</source>
        <translation>New user</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>登录名（小写字母开头，如 wangjg）</source>
        <translation>Login name (starts with a lower-case letter, e.g. wangjg)</translation>
    </message>
    <message>
        <location line="-222"/>
        <location line="+225"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="-279"/>
        <location line="+291"/>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <location line="-292"/>
        <location line="+223"/>
        <location line="+69"/>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>撤销</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>授予</source>
        <translation>Grant</translation>
    </message>
    <message>
        <location line="-246"/>
        <location line="+255"/>
        <source>岗位</source>
        <translation>Post</translation>
    </message>
    <message numerus="yes">
        <location line="+73"/>
        <source>共 %Ln 条</source>
        <translation>
            <numerusform>%Ln record</numerusform>
            <numerusform>%Ln records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>已导出 %n 条审计记录到 %1</source>
        <translation>
            <numerusform>Exported %n audit record to %1</numerusform>
            <numerusform>Exported %n audit records to %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>导出审计日志</source>
        <translation>Export audit log</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV 文件 (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <location line="-337"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码有效期至</source>
        <translation>Password valid until</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>新建用户…</source>
        <extracomment>user-tab buttons: key → (caption, administrative action)</extracomment>
        <translation>New user…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>授予岗位…</source>
        <translation>Grant post…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撤销岗位…</source>
        <translation>Revoke post…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+331"/>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location line="-330"/>
        <source>解除锁定</source>
        <translation>Unlock account</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>最小长度</source>
        <extracomment>the password policy&apos;s settings: key → caption (their bounds are the settings&apos; own rules, console.settings)</extracomment>
        <translation>Minimum length</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>至少包含字符类别</source>
        <translation>Character classes required</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不得重复最近几次</source>
        <translation>May not repeat the last N passwords</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>连续失败几次锁定</source>
        <translation>Lock after N failed logins</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>锁定时长（分钟）</source>
        <translation>Lockout duration (minutes)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无操作锁屏（分钟）</source>
        <translation>Lock screen when idle (minutes)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>审计日志保存（天，至少 180）</source>
        <translation>Keep audit log (days, at least 180)</translation>
    </message>
    <message>
        <location line="+132"/>
        <source>自</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location line="+32"/>
        <location filename="../security_menu.py" line="+38"/>
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>（待改密码）</source>
        <translation> (must change password)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>无岗位</source>
        <translation>No post</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>请先在列表中选择用户</source>
        <translation>Select a user in the list first</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>授予岗位</source>
        <translation>Grant post</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>撤销岗位</source>
        <translation>Revoke post</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>所在部门（名称或编码）</source>
        <translation>Department (name or code)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>负责网格（编码）</source>
        <translation>Grid in charge (code)</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>密码策略已保存</source>
        <translation>Password policy saved</translation>
    </message>
    <message>
        <location line="-170"/>
        <source>初始设置</source>
        <translation>initial setup</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+156"/>
        <source>成功</source>
        <translation>Success</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>失败</source>
        <translation>Failure</translation>
    </message>
    <message>
        <location line="-220"/>
        <source>密码策略</source>
        <translation>Password policy</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../security_menu.py" line="+1"/>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location line="+181"/>
        <source>已解除 %1 的登录锁定</source>
        <translation>Unlocked %1</translation>
    </message>
    <message>
        <location line="-161"/>
        <source>当前用户：%1（%2）</source>
        <translation>Signed in as %1 (%2)</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>锁定至 %1</source>
        <translation>Locked until %1</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>已新建用户 %1，初始密码：%2（首次登录须修改）</source>
        <translation>User %1 created; initial password: %2 (must be changed at first login)</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>已重置 %1 的密码：%2（下次登录须修改）</source>
        <translation>Password of %1 reset to %2 (must be changed at next login)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>为 %1 生成新的初始密码？</source>
        <translation>Generate a new initial password for %1?</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <location filename="../case_view.py" line="+156"/>
        <location line="+23"/>
        <source>未选择案件</source>
        <translation>No case selected</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>办理过程</source>
        <translation>History</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>时限计算</source>
        <translation>Deadline calculation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>注意：</source>
        <translation>Note: </translation>
    </message>
    <message>
        <location line="+19"/>
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上报人</source>
        <translation>Reported by</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+27"/>
        <source>反映人</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>涉及人员</source>
        <translation>People involved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自巡自办</source>
        <translation>Self-handled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>牵头部门</source>
        <translation>Lead department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>派遣/签收</source>
        <translation>Dispatched / acknowledged</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>配合部门</source>
        <translation>Co-departments</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>直接责任人</source>
        <translation>Responsible person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>交办要求</source>
        <translation>Instructions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办结时限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>签收 %1</source>
        <translation>acknowledged %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>尚未签收</source>
        <translation>not acknowledged yet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>派遣 %1</source>
        <translation>dispatched %1</translation>
    </message>
    <message>
        <location line="-156"/>
        <location line="+25"/>
        <source>本环节时限</source>
        <translation>Stage due</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申请延至</source>
        <translation>Extend to</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>结案</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>返工/延期/督办</source>
        <translation>Rework / extensions / supervision notices</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>治理计划</source>
        <translation>Governance plan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下次复查</source>
        <translation>Next review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>认领</source>
        <translation>Claim</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>最后修改</source>
        <translation>Last changed</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>按时</source>
        <translation>on time</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>超时</source>
        <translation>late</translation>
    </message>
    <message>
        <location line="-79"/>
        <source> · 紧急</source>
        <translation> · urgent</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>相关案件</source>
        <translation>Related cases</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <location filename="../connection.py" line="+41"/>
        <source>连接数据库</source>
        <translation>Connect to database</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>本机内置数据库（单席位）</source>
        <translation>Embedded database on this computer (one seat)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>共享数据库服务器 PostgreSQL（多席位）</source>
        <translation>Shared PostgreSQL server (several seats)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>在系统密钥环中保存密码</source>
        <translation>Save the password in the system keyring</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>服务器</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>端口</source>
        <translation>Port</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>连接</source>
        <translation>Connect</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>测试连接</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>选择数据库文件</source>
        <translation>Choose database file</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>数据库文件 (*.db)</source>
        <translation>Database files (*.db)</translation>
    </message>
    <message>
        <location line="+39"/>
        <location line="+23"/>
        <source>正在连接…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>连接成功：%1</source>
        <translation>Connected: %1</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../dialogs/base.py" line="+374"/>
        <source>案件已被他人修改：请先重新载入，核对后再提交</source>
        <translation>Someone else changed this case: reload it and check before you submit</translation>
    </message>
    <message>
        <location line="-247"/>
        <source>重新载入案件（保留已填写内容）</source>
        <extracomment>how the history row&apos;s note will be shown: True 可公开 (fit for the reporter), False 内部, None: the dialog lets the user choose (progress notes)</extracomment>
        <translation>Reload the case (keeps what you typed)</translation>
    </message>
    <message>
        <location line="+20"/>
        <location filename="../dialogs/widgets.py" line="+95"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>请填写%1</source>
        <extracomment>the 事项清单 lines of the case&apos;s category (派遣, 办理反馈, 核查: `console.workflow.dialog_data.ITEM_LIST_ACTIONS`)</extracomment>
        <translation>Fill in: %1</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>记录可见范围</source>
        <translation>Note visibility</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>（事项清单未填写工作流程）</source>
        <translation>(The item list gives no workflow for this category)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（事项清单未填写结案标准）</source>
        <translation>(The item list gives no closing standard for this category)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>工作流程</source>
        <translation>Workflow</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>结案标准</source>
        <translation>Closing standard</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="-178"/>
        <source>可公开：此说明可告知反映人</source>
        <translation>Public: this note may be told to the reporter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>内部：仅中心和办理部门可见</source>
        <translation>Internal: seen only by the center and the handling departments</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>案件</source>
        <translation>Case</translation>
    </message>
    <message>
        <location line="+145"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="-236"/>
        <source>%1过长（最多 %2 字，现 %3 字）</source>
        <translation>Too long: %1 (at most %2 characters, now %3)</translation>
    </message>
    <message>
        <location filename="../dialogs/closing.py" line="+37"/>
        <source>结案类型*</source>
        <translation>Close type*</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+6"/>
        <source>结案说明</source>
        <translation>Closing note</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>请选择结案类型：已解决、无法解决、反映不实或重复件</source>
        <translation>Choose a close type: solved, unsolvable, unfounded or duplicate</translation>
    </message>
    <message>
        <location line="+16"/>
        <location filename="../dialogs/handling.py" line="+79"/>
        <location line="+8"/>
        <source>办理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>核查结果*</source>
        <translation>Verification result*</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核查意见/原因</source>
        <translation>Verification note / reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>指定返工时限</source>
        <translation>Set a rework deadline</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>通过后立即结案</source>
        <translation>Close as soon as it passes</translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>（已返工 %n 次）</source>
        <translation>
            <numerusform> (reworked %n time)</numerusform>
            <numerusform> (reworked %n times)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>请选择核查结果：通过或不通过</source>
        <translation>Choose a verification result: pass or fail</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>结案情况</source>
        <translation>Closing summary</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>群众满意度*</source>
        <translation>Resident satisfaction*</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+14"/>
        <source>回访意见</source>
        <translation>Callback comment</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>请选择群众满意度：满意、基本满意或不满意</source>
        <translation>Choose the resident&apos;s satisfaction: satisfied, mostly satisfied or dissatisfied</translation>
    </message>
    <message>
        <location line="-150"/>
        <source>问题已解决</source>
        <translation>The problem is solved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法解决：须写明原因</source>
        <translation>Unsolvable: state the reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>反映不实：须写明核实情况</source>
        <translation>Unfounded: state what the check found</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重复件：须写明与哪件重复</source>
        <translation>Duplicate: state which case it duplicates</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>返工时限不能早于当前时间</source>
        <translation>The rework deadline cannot be in the past</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>核查意见</source>
        <translation>Verification note</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>通过</source>
        <translation>Pass</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>不通过，返工</source>
        <translation>Fail, send back for rework</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>核查不通过的原因</source>
        <translation>Reason the verification failed</translation>
    </message>
    <message>
        <location filename="../dialogs/dispatch.py" line="+38"/>
        <source>派遣</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>批量派遣</source>
        <translation>Batch dispatch</translation>
    </message>
    <message>
        <location line="+14"/>
        <location filename="../dialogs/intake.py" line="+95"/>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>牵头部门*</source>
        <translation>Lead department*</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>配合部门</source>
        <translation>Co-departments</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>直接责任人</source>
        <translation>Responsible person</translation>
    </message>
    <message>
        <location filename="../dialogs/base.py" line="+160"/>
        <location filename="../dialogs/dispatch.py" line="+3"/>
        <location filename="../dialogs/handling.py" line="-58"/>
        <source>办结时限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../dialogs/dispatch.py" line="+1"/>
        <source>调整办结时限（须填写理由）</source>
        <translation>Change the deadline (give a reason)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>调整为</source>
        <translation>Change to</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>为什么不按事项清单的时限</source>
        <translation>Why the item-list time limit does not apply</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>调整理由</source>
        <translation>Reason for change</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+83"/>
        <source>交办要求</source>
        <translation>Instructions</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>（不指定）</source>
        <translation>(none)</translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>&lt;b&gt;批量派遣 %n 件&lt;/b&gt;，使用相同的部门、责任人和交办要求</source>
        <translation>
            <numerusform>&lt;b&gt;Dispatch %n case at once&lt;/b&gt;, with the same departments, responsible person and instructions</numerusform>
            <numerusform>&lt;b&gt;Dispatch %n cases at once&lt;/b&gt;, with the same departments, responsible person and instructions</numerusform>
        </translation>
    </message>
    <message>
        <location line="+29"/>
        <source>请选择牵头部门</source>
        <translation>Choose the lead department</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>办结时限不能早于当前时间</source>
        <translation>The deadline cannot be in the past</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>调整时限的理由</source>
        <translation>Reason for changing the deadline</translation>
    </message>
    <message>
        <location line="-108"/>
        <source>事项清单未指定牵头部门</source>
        <translation>The item list names no lead department</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>修改办结时限须填写理由</source>
        <translation>Changing the deadline needs a reason</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>应于 %1 前办结</source>
        <translation>Due by %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>按各案件类别的事项清单时限</source>
        <translation>Each case by its category&apos;s item-list limit</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>按事项清单建议：%1</source>
        <translation>Item list suggests: %1</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>事项清单：%1</source>
        <translation>Item list: %1</translation>
    </message>
    <message>
        <location filename="../dialogs/handling.py" line="+1"/>
        <location line="+7"/>
        <source>签收说明</source>
        <translation>Acknowledgement note</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+11"/>
        <source>进展情况</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>可见范围*</source>
        <translation>Visibility*</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+8"/>
        <source>反馈说明</source>
        <translation>Result note</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>处置照片</source>
        <translation>Photos of the work done</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>当前办结时限</source>
        <translation>Current deadline</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>申请延至*</source>
        <translation>Extend to*</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+17"/>
        <source>延期理由</source>
        <translation>Reason for extension</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>申请延期至的时间不能早于当前时间</source>
        <translation>The requested deadline cannot be in the past</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>延期申请</source>
        <translation>Extension request</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>审批结果*</source>
        <translation>Decision*</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+18"/>
        <source>审批意见</source>
        <translation>Decision note</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>请选择同意或不同意延期</source>
        <translation>Choose whether to approve or deny the extension</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+12"/>
        <source>退回理由</source>
        <translation>Reason for return</translation>
    </message>
    <message>
        <location line="-150"/>
        <location line="+79"/>
        <location filename="../dialogs/special.py" line="+204"/>
        <source>（未设时限）</source>
        <translation>(no deadline)</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>内部（仅中心和办理部门可见）</source>
        <translation>Internal (seen only by the center and the handling departments)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可公开（可告知反映人）</source>
        <translation>Public (may be told to the reporter)</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>同意延期</source>
        <translation>Approve extension</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>不同意</source>
        <translation>Deny</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>延期后的时限须晚于当前时限 %1</source>
        <translation>The extended deadline must be later than the current one, %1</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>退回后案件回到“%1”，由中心重新派遣（当前牵头部门：%2）</source>
        <translation>Once returned, the case goes back to “%1” and the center dispatches it again (current lead department: %2)</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>当前时限 %1，申请延至 %2。理由：%3</source>
        <translation>Current deadline %1, extension requested to %2. Reason: %3</translation>
    </message>
    <message>
        <location filename="../dialogs/intake.py" line="-23"/>
        <source>受理登记</source>
        <translation>Intake registration</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>所属网格*</source>
        <translation>Grid*</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>问题类别*</source>
        <translation>Problem category*</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>（按类别默认）</source>
        <translation>(category default)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>复杂程度</source>
        <translation>Complexity</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>来源*</source>
        <translation>Source*</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>一句话说明问题，如：一号楼院门口垃圾堆积</source>
        <translation>The problem in one sentence, e.g. rubbish piling up at the gate of building 1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题摘要*</source>
        <translation>Summary*</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>详细情况</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+165"/>
        <source>问题描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location line="-163"/>
        <location line="+164"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="-163"/>
        <source>涉及人员姓名、联系方式（仅填工作需要的信息）</source>
        <translation>Names and contacts of the people involved (only what the work needs)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+162"/>
        <source>涉及人员</source>
        <translation>People involved</translation>
    </message>
    <message>
        <location line="-159"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>反映人</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>自巡自办（网格员已当场处置）</source>
        <translation>Self-handled (the grid worker dealt with it on the spot)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+155"/>
        <source>已采取的处置措施</source>
        <translation>Measures already taken</translation>
    </message>
    <message>
        <location line="-151"/>
        <source>处置情况</source>
        <translation>Handling done</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>可能重复的案件（同一网格、近30天、内容相似）：</source>
        <translation>Possible duplicates (same grid, last 30 days, similar text):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>合并到所选案件</source>
        <translation>Merge into the selected case</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>作为复发件登记并关联</source>
        <translation>File as a recurrence, linked</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>重新办理原案件（不另立案）</source>
        <translation>Reopen the original case (no new case)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>登记</source>
        <translation>Register</translation>
    </message>
    <message numerus="yes">
        <location line="+47"/>
        <source>发现 %n 件可能重复的案件（同一网格、近30天、内容相似），可一键合并：</source>
        <translation>
            <numerusform>Found %n possible duplicate (same grid, last 30 days, similar text); merge with one click:</numerusform>
            <numerusform>Found %n possible duplicates (same grid, last 30 days, similar text); merge with one click:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+55"/>
        <source>请选择所属网格</source>
        <translation>Choose the grid</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请选择问题类别</source>
        <translation>Choose the problem category</translation>
    </message>
    <message>
        <location line="+50"/>
        <location line="+12"/>
        <source>受理意见</source>
        <translation>Intake note</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+3"/>
        <source>不予受理理由</source>
        <translation>Reason for rejection</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>合并重复件</source>
        <translation>Merge duplicate</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>可能重复</source>
        <translation>Possible duplicates</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>如 2026-000123</source>
        <translation>e.g. 2026-000123</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>合并到案件编号*</source>
        <translation>Merge into case number*</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+18"/>
        <source>合并说明</source>
        <translation>Merge note</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>请填写要合并到的案件编号</source>
        <translation>Enter the number of the case to merge into</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>案件编号格式应为 年份-6位序号，如 2026-000123</source>
        <translation>A case number is the year and a 6-digit sequence number, e.g. 2026-000123</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>不能把案件合并到它自己</source>
        <translation>A case cannot be merged into itself</translation>
    </message>
    <message>
        <location line="-355"/>
        <source>相似度 %1%</source>
        <extracomment>(grid code, summary, description, deliver): looks on a worker and calls `deliver(found)` on the GUI thread</extracomment>
        <translation>%1% similar</translation>
    </message>
    <message>
        <location line="+179"/>
        <source>未发现可能重复的案件（同一网格、近30天、内容相似）</source>
        <translation>No possible duplicates found (same grid, last 30 days, similar text)</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>问题摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>反映人姓名</source>
        <translation>Reporter&apos;s name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>反映人电话只能包含数字，5 到 20 位</source>
        <translation>The reporter&apos;s phone must be 5 to 20 digits</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>受理后案件转入“待派遣”。</source>
        <translation>Once accepted, the case goes to “Pending dispatch”.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>（同一网格近30天内未发现相似案件，可直接输入编号）</source>
        <translation>(no similar case in this grid in the last 30 days; type the number directly)</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>自巡自办案件：受理后直接转入“待核查”。处置情况：%1</source>
        <translation>Self-handled case: once accepted it goes straight to “Pending verification”. Handling done: %1</translation>
    </message>
    <message>
        <location line="-155"/>
        <source>默认“%1”，时限 %2</source>
        <translation>Default “%1”, time limit %2</translation>
    </message>
    <message>
        <location filename="../dialogs/runner.py" line="+373"/>
        <location line="+2"/>
        <source>上报照片</source>
        <translation>Photos reported</translation>
    </message>
    <message>
        <location line="-193"/>
        <source>案件现为“%1”。请重新载入，核对后再决定是否提交。</source>
        <translation>The case is now “%1”. Reload it and check before you decide to submit.</translation>
    </message>
    <message>
        <location line="+119"/>
        <source>办理反馈照片</source>
        <translation>Photos of the result</translation>
    </message>
    <message>
        <location line="-123"/>
        <source>对方所做的修改：</source>
        <translation>What the other seat changed:</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>案件 %1 已保存，但以下内容未完成：</source>
        <translation>Case %1 was saved, but these steps were not done:</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>（未记录）</source>
        <translation>(not recorded)</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>。您的操作没有保存，已填写的内容仍保留。</source>
        <extracomment>what a dialog&apos;s OK turns into: a job for a worker thread, returning the case as saved and the problems of follow-up steps (photos, the close after a verification) that did not go through action → its dialog class (the action records name it: `ActionSpec.dialog`); 派遣 and 合并 need more than the case to open, 认领/释放认领 share the confirmation</extracomment>
        <translation>. Your action was not saved; what you typed is kept.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>未附上的照片：%1</source>
        <translation>Photos not attached: %1</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>结案未完成：%1</source>
        <translation>Closing not done: %1</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>合并未完成：%1</source>
        <translation>Merge not done: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+82"/>
        <source>已派遣 %n 件；以下案件未派遣：</source>
        <translation>
            <numerusform>Dispatched %n case; these were not dispatched:</numerusform>
            <numerusform>Dispatched %n cases; these were not dispatched:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>已派遣 %n 件；其余案件未派遣：</source>
        <translation>
            <numerusform>%n dispatched; the others were not: </numerusform>
            <numerusform>%n dispatched; the others were not: </numerusform>
        </translation>
    </message>
    <message>
        <location filename="../dialogs/special.py" line="-166"/>
        <location line="+3"/>
        <source>上报县级说明</source>
        <translation>Escalation note</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>上报内容</source>
        <translation>Escalation content</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+10"/>
        <source>县级答复</source>
        <translation>County&apos;s answer</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+21"/>
        <source>治理措施</source>
        <translation>Measures</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>每行一个节点：日期 内容，如 2026-12-31 完成拆除（Shift+回车换行）</source>
        <translation>One milestone per line: date and text, e.g. 2026-12-31 demolition finished (Shift+Enter for a new line)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>节点安排</source>
        <translation>Milestones</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>下次复核日期*</source>
        <translation>Next review on*</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+11"/>
        <source>挂账说明</source>
        <translation>Ledger note</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>下次复核日期不能早于今天</source>
        <translation>The next review cannot be before today</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>治理计划</source>
        <translation>Governance plan</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+8"/>
        <source>恢复办理说明</source>
        <translation>Resumption note</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>退回网格</source>
        <translation>Hand back to the grid</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+11"/>
        <source>退回网格的要求</source>
        <translation>What the grid is to do</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>（%1 不再办理）</source>
        <translation>(%1 no longer handles it)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>案件时限</source>
        <translation>Case deadline</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>督办对象*</source>
        <translation>Notice addressed to*</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>（不变）</source>
        <translation>(unchanged)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>督办级别</source>
        <translation>Supervision level</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+24"/>
        <source>督办内容</source>
        <translation>Supervision notice text</translation>
    </message>
    <message numerus="yes">
        <location line="-13"/>
        <source>&#x3000;已督办 %n 次</source>
        <translation>
            <numerusform>&#x3000;supervision notices: %n</numerusform>
            <numerusform>&#x3000;supervision notices: %n</numerusform>
        </translation>
    </message>
    <message>
        <location line="+36"/>
        <source>确定要执行此操作吗？</source>
        <translation>Carry out this action?</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>照片*</source>
        <translation>Photos*</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <source>附件说明</source>
        <translation>Attachment note</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>请添加照片（可拖放到列表中）</source>
        <translation>Add photos (you can drop them on the list)</translation>
    </message>
    <message>
        <location line="-224"/>
        <source>上报县级后计时暂停，待县级答复后回到“待派遣”。</source>
        <translation>Once escalated to the county the clock stops; after the county answers the case returns to “Pending dispatch”.</translation>
    </message>
    <message>
        <location line="+181"/>
        <source>督办对象</source>
        <translation>Notice addressed to</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>认领后，其他调度员在认领期间不能处理此案件。</source>
        <translation>While you hold the claim, other dispatchers cannot work on this case.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>释放认领后，其他调度员可以处理此案件。</source>
        <translation>Once the claim is released, other dispatchers can work on this case.</translation>
    </message>
    <message>
        <location line="-163"/>
        <source>第 %1 个节点应写成“日期 内容”，如 2026-12-31 完成拆除</source>
        <translation>Milestone %1 should read “date text”, e.g. 2026-12-31 demolition finished</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>第 %1 个节点的日期无效</source>
        <translation>Milestone %1 has an invalid date</translation>
    </message>
    <message>
        <location filename="../dialogs/widgets.py" line="-1"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>常用语</source>
        <translation>Phrases</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>插入常用语（空格键打开）</source>
        <translation>Insert a common phrase (Space opens the list)</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>可将照片文件拖放到此处</source>
        <translation>You can drop photo files here</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>添加照片…</source>
        <translation>Add photos…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>选择照片</source>
        <translation>Choose photos</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>照片最多 %n 张</source>
        <translation>
            <numerusform>At most %n photo</numerusform>
            <numerusform>At most %n photos</numerusform>
        </translation>
    </message>
    <message>
        <location line="+61"/>
        <source>输入网格编码、名称或拼音首字母</source>
        <extracomment>(text typed, deliver): looks on a worker and calls `deliver(matches)` on the GUI thread</extracomment>
        <translation>Type a grid code, name or pinyin initials</translation>
    </message>
    <message>
        <location line="-227"/>
        <source>每行一条常用语：</source>
        <translation>One phrase per line:</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>编辑常用语…</source>
        <translation>Edit phrases…</translation>
    </message>
    <message>
        <location line="+242"/>
        <source>未选择网格</source>
        <translation>No grid chosen</translation>
    </message>
    <message>
        <location line="-296"/>
        <source>编辑常用语 — %1</source>
        <translation>Edit phrases — %1</translation>
    </message>
    <message>
        <location line="+158"/>
        <source>照片 (%1)</source>
        <translation>Photos (%1)</translation>
    </message>
    <message>
        <location line="+118"/>
        <location line="+8"/>
        <source>%1级</source>
        <translation>level %1</translation>
    </message>
    <message>
        <location line="-113"/>
        <source>“%1”不是照片文件</source>
        <translation>“%1” is not a photo file</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>“%1”是空文件</source>
        <translation>“%1” is an empty file</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>已选：%1（%2）</source>
        <translation>Chosen: %1 (%2)</translation>
    </message>
    <message>
        <location line="-119"/>
        <source>无法读取“%1”：%2</source>
        <translation>Cannot read “%1”: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>“%1”大小 %2 MB，超过上限 %3 MB，请压缩后再添加</source>
        <translation>“%1” is %2 MB, over the %3 MB limit; compress it and add it again</translation>
    </message>
    <message>
        <location filename="../dialogs/meeting.py" line="+21"/>
        <source>案件将列入下一次会商的议程，理由随议程印发；案件状态不变。</source>
        <translation>The case goes on the agenda of the next meeting, with the reason printed on the agenda; its status does not change.</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>提请会商的理由</source>
        <translation>Reason for proposing a meeting</translation>
    </message>
    <message>
        <location filename="../dialogs/rezoning.py" line="+452"/>
        <source>移入网格*</source>
        <translation>Move to grid*</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+15"/>
        <source>移交原因</source>
        <translation>Reason for the move</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>如：上报时选错网格</source>
        <translation>e.g. the wrong grid was chosen at intake</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>当前网格：%1（%2）。移交后由新网格跟进，案件状态、部门和时限不变。</source>
        <translation>Current grid: %1 (%2). From now on the new grid follows the case; its status, departments and deadlines stay.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>请选择移入的网格</source>
        <translation>Choose the grid the case moves to</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>案件已在该网格</source>
        <translation>The case is already in this grid</translation>
    </message>
</context>
<context>
    <name>GridFormDialog</name>
    <message>
        <location filename="../setup_grids.py" line="+74"/>
        <source>网格编码</source>
        <translation>Grid code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>GridPanel</name>
    <message>
        <location filename="../grid_panel.py" line="+50"/>
        <source>一级网格</source>
        <translation>Level-1 grid</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>二级网格</source>
        <translation>Level-2 grid</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>三级网格</source>
        <translation>Level-3 grid</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>案件总数</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未结</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已办结</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在岗人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>自</source>
        <translation>since</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>历任</source>
        <translation>Former holders</translation>
    </message>
</context>
<context>
    <name>GridTreeModel</name>
    <message>
        <location filename="../grid_tree.py" line="+33"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未结</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
</context>
<context>
    <name>GridsPage</name>
    <message>
        <location filename="../setup_grids.py" line="-26"/>
        <source>新建下级网格…</source>
        <extracomment>the page&apos;s buttons: key → (caption, shortcut)</extracomment>
        <translation>New sub-grid…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>更名…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>拆分…</source>
        <translation>Split…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>合并…</source>
        <translation>Merge…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撤销…</source>
        <translation>Retire…</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>查找网格：名称、编码或拼音首字母</source>
        <translation>Find a grid: name, code or pinyin initials</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>%1级</source>
        <translation>Level %1 </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1户</source>
        <translation>%1 households</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未办结案件 %1 件</source>
        <translation>%1 open cases</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>上级</source>
        <translation>Parent</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>前身</source>
        <translation>Came from</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>后继</source>
        <translation>Became</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>变更记录</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>新建下级网格：%1</source>
        <translation>New sub-grid of %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>网格更名</source>
        <translation>Rename grid</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>请填写合并后新网格的编码和名称</source>
        <translation>Enter the code and name of the merged grid</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <location filename="../idle_lock.py" line="+58"/>
        <location line="+11"/>
        <source>控制台已锁定</source>
        <extracomment>input that proves someone is at the seat</extracomment>
        <translation>Console locked</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>注销</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>正在验证…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location line="+147"/>
        <source>（只能注销）</source>
        <translation>(log out only)</translation>
    </message>
    <message>
        <location line="-177"/>
        <source>长时间无操作，已自动锁定。请 %1 输入密码解锁，未保存的内容都还在。</source>
        <translation>Locked after a long time without activity. %1, enter your password to unlock; nothing you have not saved is lost.</translation>
    </message>
</context>
<context>
    <name>ImportBar</name>
    <message>
        <location filename="../setup_import.py" line="+23"/>
        <location filename="../setup_wizard_pages.py" line="+107"/>
        <source>表格文件 (*.xlsx *.csv);;所有文件 (*)</source>
        <translation>Spreadsheets (*.xlsx *.csv);;All files (*)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>从文件导入(&amp;I)…</source>
        <translation>&amp;Import from file…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>保存模板(&amp;T)…</source>
        <translation>Save &amp;template…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>选择导入文件</source>
        <translation>Choose the file to import</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>保存导入模板</source>
        <translation>Save the import template</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>模板已保存：%1</source>
        <translation>Template saved: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>已导入 %1 条</source>
        <translation>%1 rows imported</translation>
    </message>
</context>
<context>
    <name>ItemList</name>
    <message>
        <location filename="../setup_item_list.py" line="+44"/>
        <source>新增类别(&amp;A)…</source>
        <translation>&amp;Add category…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改（定日期生效）(&amp;E)…</source>
        <translation>&amp;Edit (from a date)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>停用(&amp;R)…</source>
        <translation>&amp;Retire…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>工作流程与结案标准</source>
        <translation>Workflow and closing standard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>变更记录</source>
        <translation>History of changes</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>工作流程</source>
        <translation>Workflow</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结案标准</source>
        <translation>Closing standard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>环节时限</source>
        <translation>Stage limits</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>按全镇默认</source>
        <translation>Township defaults</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>“%1”的修改自 %2 起生效；此前已派遣的案件保留原时限。</source>
        <translation>The change to “%1” takes effect on %2; cases dispatched before then keep their limit.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>停用问题类别：%1</source>
        <translation>Retire category: %1</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../login.py" line="+64"/>
        <source>本机没有可用的系统密钥环（keyring），不能记住密码：请安装并解锁 Secret Service（如 GNOME Keyring）或 KWallet，或每次登录时输入密码。密码不会以其他方式保存。</source>
        <translation>This computer has no usable system keyring, so the password cannot be remembered: install and unlock a Secret Service (such as GNOME Keyring) or KWallet, or type the password at each login. The password is never stored any other way.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>再次输入</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>至少 8 位，含大写字母、小写字母、数字、特殊字符中至少 3 类，不能包含用户名，不能与最近 5 次的密码相同。</source>
        <translation>At least 8 characters from at least 3 of: upper-case letters, lower-case letters, digits, special characters; it may not contain the user name nor repeat any of the last 5 passwords.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>修改</source>
        <translation>Change</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>登录 — 网格化管理指挥调度台</source>
        <translation>Log in — Grid Management Dispatch Console</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>网格化管理指挥调度台</source>
        <translation>Grid Management Dispatch Console</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>登录名，如 wangjg</source>
        <translation>Login name, e.g. wangjg</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本机内置数据库（单席位）</source>
        <translation>Embedded database on this computer (one seat)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据库服务器 PostgreSQL（多席位）</source>
        <translation>PostgreSQL database server (several seats)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>记住密码（仅保存在系统密钥环中）</source>
        <translation>Remember the password (kept only in the system keyring)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>正在登录…</source>
        <translation>Logging in…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>须先修改密码才能登录</source>
        <translation>You must change your password before you can log in</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>正在修改密码…</source>
        <translation>Changing the password…</translation>
    </message>
    <message>
        <location line="-239"/>
        <source>原密码</source>
        <translation>Current password</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>请输入新密码</source>
        <translation>Enter the new password</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>服务器</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>端口</source>
        <translation>Port</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>库名</source>
        <translation>Database name</translation>
    </message>
    <message>
        <location line="-67"/>
        <source>两次输入的新密码不一致</source>
        <translation>The two new passwords do not match</translation>
    </message>
    <message>
        <location line="+236"/>
        <source>密码未能保存到系统密钥环：%1</source>
        <translation>The password could not be saved in the system keyring: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="+331"/>
        <source>连接数据库…</source>
        <translation>Connect to database…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>转到案件…</source>
        <translation>Go to case…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../keyboard.py" line="+44"/>
        <source>转到网格树</source>
        <extracomment>the common case actions on function keys, in the order of the lifecycle (F5 is 刷新, F1 help, F10/F11 the desktop&apos;s); the rest are in the 办理 menu (Alt+A) focus to a pane: (action name, caption, key)</extracomment>
        <translation>Go to the grid tree</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>转到案件队列</source>
        <translation>Go to the case queue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>转到案件详情</source>
        <translation>Go to the case details</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>网格树</source>
        <extracomment>the case actions the 办理 menu lists: every one with a dialog (附件 and 关注 have their own entries) accessible names of the main widgets (screen readers; Qt&apos;s accessibility tree)</extracomment>
        <translation>Grid tree</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>案件队列</source>
        <translation>Case queue</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../main_window.py" line="+3"/>
        <source>搜索案件</source>
        <translation>Search cases</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>快捷筛选</source>
        <translation>Quick filters</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>实时统计</source>
        <translation>Live figures</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网格信息</source>
        <translation>Grid information</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>案件详情</source>
        <translation>Case details</translation>
    </message>
    <message>
        <location line="-6"/>
        <location filename="../main_window.py" line="+6"/>
        <source>搜索网格</source>
        <translation>Search grids</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="+4"/>
        <source>关注此案件</source>
        <translation>Watch this case</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消关注</source>
        <translation>Stop watching</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>添加附件…</source>
        <translation>Add attachment…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>显示全部网格</source>
        <translation>Show all grids</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>受理登记…</source>
        <translation>Intake registration…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>批量派遣…</source>
        <translation>Batch dispatch…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印整改台账…</source>
        <translation>Print rectification ledger…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>新案件声音提示</source>
        <translation>Sound on new cases</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+470"/>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../security_menu.py" line="-2"/>
        <source>基础设置（部门、事项清单、网格、人员）…</source>
        <extracomment>the 系统 menu&apos;s actions, hidden until the security state says which the person&apos;s posts allow</extracomment>
        <translation>Reference data (departments, item list, grids, staff)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>系统管理…</source>
        <translation>Administration…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>审计日志…</source>
        <translation>Audit log…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>修改密码…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>注销</source>
        <translation>Log out</translation>
    </message>
    <message numerus="yes">
        <location filename="../main_window.py" line="-257"/>
        <source>共 %Ln 件</source>
        <translation>
            <numerusform>%Ln case</numerusform>
            <numerusform>%Ln cases</numerusform>
        </translation>
    </message>
    <message>
        <location line="+82"/>
        <source>注意：</source>
        <translation>Note: </translation>
    </message>
    <message numerus="yes">
        <location line="+34"/>
        <source>等 %n 件</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
    <message>
        <location line="-499"/>
        <source>搜索网格：名称、编码或拼音首字母</source>
        <translation>Search grids: name, code or pinyin initials</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>搜索：案件编号、内容、地址、网格（可用拼音首字母）</source>
        <translation>Search: case number, text, address, grid (pinyin initials)</translation>
    </message>
    <message>
        <location line="-172"/>
        <source>全部未结</source>
        <extracomment>quick filters: key → caption; keys other than &quot;open&quot;/&quot;all&quot; are `console.queue.QUICK_FILTERS` names</extracomment>
        <translation>All open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待受理</source>
        <translation>Pending intake</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待派遣</source>
        <translation>Pending dispatch</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../seat_alerts.py" line="+38"/>
        <source>待签收</source>
        <extracomment>the quick filter that carries the badge</extracomment>
        <translation>Pending acknowledgement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待核查</source>
        <translation>Pending verification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>我关注的</source>
        <translation>Watched</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提请会商</source>
        <translation>Proposed for meeting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+267"/>
        <source>打印督办单…</source>
        <translation>Print supervision notice…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印案件处理单…</source>
        <translation>Print case sheet…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>会商（每周会商/民情分析会）…</source>
        <translation>Meetings (weekly meeting / residents&apos; analysis)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>督查考核（统计分析）…</source>
        <translation>Supervisory review (statistics)…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>案件(&amp;C)</source>
        <translation>&amp;Case</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>筛选(&amp;Q)</source>
        <translation>&amp;Filter</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>办理(&amp;A)</source>
        <translation>&amp;Actions</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>设置(&amp;S)</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>系统(&amp;Y)</source>
        <translation>S&amp;ystem</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../banner.py" line="+58"/>
        <source>连接中断</source>
        <translation>Disconnected</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+26"/>
        <source>已连接 · 实时更新</source>
        <translation>Connected · live</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="+355"/>
        <source>转到案件</source>
        <translation>Go to case</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>案件编号（如 2026-000123）：</source>
        <translation>Case number (e.g. 2026-000123):</translation>
    </message>
    <message>
        <location filename="../case_actions.py" line="+178"/>
        <source>添加附件</source>
        <translation>Add attachment</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>图片和文档 (*.jpg *.jpeg *.png *.pdf *.doc *.docx);;全部文件 (*)</source>
        <translation>Pictures and documents (*.jpg *.jpeg *.png *.pdf *.doc *.docx);;All files (*)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="-647"/>
        <location line="+712"/>
        <location filename="../seat_alerts.py" line="+177"/>
        <source>网格化管理指挥调度台</source>
        <extracomment>the first start&apos;s size; `MainWindow.fit_to_screen` shrinks it to a smaller screen (1366×768 laptops) first start: grid tree, queue and case pane as shares of the window&apos;s width the case pane keeps room for its action buttons; its long texts wrap and scroll inside it emitted after the change feed&apos;s ids were handed to the queue (tests, bench) emitted when a new 待受理 case announced itself (the cue) the person logged out (注销): the application shows the login again the security state arrived (posts, idle lock installed): tests wait for it</extracomment>
        <translation>Grid Management Dispatch Console</translation>
    </message>
    <message>
        <location filename="../banner.py" line="-35"/>
        <source>已连接</source>
        <extracomment>how often the probe asks whether the database is back</extracomment>
        <translation>Connected</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>正在连接变更通知…</source>
        <translation>Connecting to change notifications…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="-139"/>
        <source>新上报案件（待受理）：</source>
        <translation>New case pending intake: </translation>
    </message>
    <message>
        <location filename="../banner.py" line="+17"/>
        <source>与数据库的连接已中断，正在自动重连…（%1）</source>
        <translation>The database connection was lost; reconnecting… (%1)</translation>
    </message>
    <message>
        <location filename="../case_actions.py" line="-92"/>
        <source>所选案件中没有待派遣的案件</source>
        <translation>None of the selected cases is pending dispatch</translation>
    </message>
    <message>
        <location filename="../security_menu.py" line="+74"/>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>密码已修改</source>
        <translation>Password changed</translation>
    </message>
    <message>
        <location filename="../case_actions.py" line="+83"/>
        <source>已关注 %1</source>
        <translation>Watching %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已取消关注 %1</source>
        <translation>No longer watching %1</translation>
    </message>
    <message>
        <location filename="../seat_alerts.py" line="-125"/>
        <source>派件提醒声音</source>
        <extracomment>the alerts of one change (list[SeatAlert]), after the tray message and sound were given the 待签收 count changed</extracomment>
        <translation>Sound when a case arrives</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>新的待办案件</source>
        <translation>New cases for you</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>另有 %1 件</source>
        <translation>and %1 more</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>待签收：%1 件</source>
        <translation>Pending acknowledgement: %1</translation>
    </message>
</context>
<context>
    <name>MeetingPrintDialog</name>
    <message>
        <location filename="../dialogs/meeting_print.py" line="+40"/>
        <source>会商议程</source>
        <extracomment>(what, caption): the documents of a meeting</extracomment>
        <translation>Meeting agenda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>签到表</source>
        <translation>Attendance sheet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>会议纪要</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>打印会商文书</source>
        <translation>Print meeting documents</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>（尚未生成）</source>
        <translation>(not generated yet)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>保存 PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>文书</source>
        <translation>Document</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第</source>
        <translation>Page</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>页</source>
        <translation>page</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>正在生成…</source>
        <translation>Generating…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>共 %1 页</source>
        <translation>%1 pages</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>页，共 %1 页</source>
        <translation>of %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>生成失败</source>
        <translation>Generation failed</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>保存 PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>已保存到 %1</source>
        <translation>Saved to %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>已发送 %1 页到打印机</source>
        <translation>Sent %1 pages to the printer</translation>
    </message>
</context>
<context>
    <name>MeetingsWindow</name>
    <message>
        <location filename="../../console/meetings/decisions.py" line="+34"/>
        <source>一般督办</source>
        <extracomment>the labels of `SuperviseLevel`, as the decision form and the CLI offer them (checked by the test of the levels)</extracomment>
        <translation>Ordinary supervision</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>重点督办</source>
        <translation>Priority supervision</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>挂牌督办</source>
        <translation>Listed supervision</translation>
    </message>
    <message>
        <location filename="../../console/meetings/proposal.py" line="+56"/>
        <source>上期决定未办结</source>
        <translation>Last decision not done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提请会商</source>
        <translation>Proposed for meeting</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../meetings_window.py" line="+592"/>
        <source>提请街道会商</source>
        <translation>Referred to the township meeting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>多次返工</source>
        <translation>Repeated rework</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>部门争议</source>
        <translation>Departments disagree</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>反复反映</source>
        <translation>Reported again and again</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重点领域复杂</source>
        <translation>Complex key-area case</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>挂账复核</source>
        <translation>Long-term review due</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>县级退回</source>
        <translation>Returned by the county</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>手动加入</source>
        <translation>Added by hand</translation>
    </message>
    <message>
        <location filename="../meeting_models.py" line="+32"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../meetings_window.py" line="-503"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../meetings_window.py" line="+0"/>
        <source>召开时间</source>
        <translation>Held at</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../meeting_panels.py" line="+85"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../meeting_panels.py" line="-3"/>
        <location filename="../meetings_window.py" line="+470"/>
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>问题摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>案件状态</source>
        <translation>Case status</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../meetings_window.py" line="-62"/>
        <source>上会理由</source>
        <translation>Why on the agenda</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>会议决定</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>执行/跟踪</source>
        <translation>Carried out / follow-up</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>（议程生成后有变化）</source>
        <translation>(changed since the agenda was drawn up)</translation>
    </message>
    <message>
        <location filename="../meetings_window.py" line="-424"/>
        <source>新建会商</source>
        <translation>New meeting</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>民情分析会：村（社区）网格编码</source>
        <translation>Residents&apos; analysis meeting: the village (community) grid code</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>村（社区）</source>
        <translation>Village (community)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>主持人</source>
        <translation>Chair</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>记录人</source>
        <translation>Minutes taker</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>每行一人：姓名 职务或部门，如“王建国 环保办”</source>
        <translation>One person per line: name, then post or department, e.g. “王建国 环保办”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>参会人员</source>
        <translation>Invited</translation>
    </message>
    <message>
        <location line="+39"/>
        <location line="+59"/>
        <source>同意延期</source>
        <translation>Approve extension</translation>
    </message>
    <message>
        <location line="-58"/>
        <location line="+59"/>
        <source>不同意延期</source>
        <translation>Deny extension</translation>
    </message>
    <message>
        <location line="-47"/>
        <location line="+353"/>
        <source>牵头部门</source>
        <translation>Lead department</translation>
    </message>
    <message>
        <location line="-352"/>
        <source>审批意见</source>
        <translation>Decision note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>督办对象</source>
        <translation>Notice addressed to</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>督办级别</source>
        <translation>Supervision level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>治理措施</source>
        <translation>Measures</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>复核日期</source>
        <translation>Review date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结案类型</source>
        <translation>Close type</translation>
    </message>
    <message>
        <location filename="../meeting_panels.py" line="+3"/>
        <location filename="../meetings_window.py" line="+14"/>
        <source>办理期限</source>
        <translation>Handling deadline</translation>
    </message>
    <message>
        <location filename="../meetings_window.py" line="+7"/>
        <source>保存决定</source>
        <translation>Save decision</translation>
    </message>
    <message>
        <location filename="../meeting_panels.py" line="-34"/>
        <source>全部</source>
        <extracomment>the decisions list&apos;s state filter: (value for `list_decisions`, caption)</extracomment>
        <translation>All</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未办结</source>
        <translation>Not done</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+4"/>
        <source>已办结</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>未执行</source>
        <extracomment>the states `console.meetings.read.decision_state` gives, marked for translation</extracomment>
        <translation>Not carried out</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>会商</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../meetings_window.py" line="+2"/>
        <source>决定类型</source>
        <translation>Decision type</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../meetings_window.py" line="+2"/>
        <location line="+129"/>
        <source>决定事项</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../meetings_window.py" line="-128"/>
        <source>责任单位</source>
        <translation>Responsible unit</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+34"/>
        <location filename="../meetings_window.py" line="+1"/>
        <source>责任人</source>
        <translation>Responsible person</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>只看本期会商</source>
        <translation>This meeting only</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+7"/>
        <source>全部责任单位</source>
        <translation>All responsible units</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+84"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="-84"/>
        <source>单位/职务</source>
        <translation>Unit / post</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+85"/>
        <source>缺席原因</source>
        <translation>Reason for absence</translation>
    </message>
    <message>
        <location line="-84"/>
        <location line="+85"/>
        <source>代参会人员</source>
        <translation>Substitute</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>登记出席…</source>
        <translation>Record attendance…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>添加补充说明…</source>
        <translation>Add addendum…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>登记出席</source>
        <translation>Record attendance</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>添加补充说明</source>
        <translation>Add addendum</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>纪要审定后不再修改，后续情况以补充说明记载（注明日期）</source>
        <translation>Approved minutes are never edited; later developments are recorded as dated addenda</translation>
    </message>
    <message>
        <location filename="../meetings_window.py" line="+20"/>
        <location line="+3"/>
        <source>（不指定）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>正在处理…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>会商 — 每周会商与民情分析会</source>
        <translation>Meetings — weekly meetings and residents&apos; analysis meetings</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>只看未召开</source>
        <translation>Only meetings not yet held</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>新建会商…</source>
        <translation>New meeting…</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>议程</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <location filename="../meeting_panels.py" line="-114"/>
        <location line="+84"/>
        <location filename="../meetings_window.py" line="+1"/>
        <source>出席情况</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <location filename="../meetings_window.py" line="+1"/>
        <source>补充说明</source>
        <translation>Addenda</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>讨论情况（回车保存）</source>
        <translation>Discussion (Enter saves)</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>生成议程</source>
        <translation>Draw up agenda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>加入案件…</source>
        <translation>Add case…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>移出议程…</source>
        <translation>Remove from agenda…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提请街道会商…</source>
        <translation>Refer to the township meeting…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发出议程/开会</source>
        <translation>Send agenda / hold meeting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>执行决定</source>
        <translation>Carry out decision</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>全部执行</source>
        <translation>Carry out all</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>审定纪要</source>
        <translation>Approve minutes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印议程…</source>
        <translation>Print agenda…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印签到表…</source>
        <translation>Print attendance sheet…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印纪要…</source>
        <translation>Print minutes…</translation>
    </message>
    <message>
        <location line="+121"/>
        <source>办理经过</source>
        <translation>Handling so far</translation>
    </message>
    <message>
        <location line="+61"/>
        <location line="+3"/>
        <source>加入案件</source>
        <translation>Add case</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>列入议程的理由</source>
        <translation>Reason for the agenda</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>移出议程</source>
        <translation>Remove from agenda</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>移出议程的理由</source>
        <translation>Reason for removing it</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>提请街道会商的理由</source>
        <translation>Reason for referring it to the township</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>已执行 → </source>
        <translation>Carried out → </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未执行：</source>
        <translation>Not carried out: </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>没有待执行的决定</source>
        <translation>No decisions waiting to be carried out</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>已生成 %1（%2 页）</source>
        <translation>Generated %1 (%2 pages)</translation>
    </message>
</context>
<context>
    <name>Phrases</name>
    <message>
        <location filename="../setup_phrases.py" line="+66"/>
        <source>添加(&amp;A)</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>删除(&amp;D)</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>恢复默认</source>
        <translation>Restore defaults</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>已保存 %1 条常用语</source>
        <translation>%1 stock phrases saved</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>已恢复默认常用语</source>
        <translation>Default stock phrases restored</translation>
    </message>
</context>
<context>
    <name>PrintFormDialog</name>
    <message>
        <location filename="../form_print_dialog.py" line="+76"/>
        <source>督办单</source>
        <extracomment>a notice was issued (numbered, 督办 recorded): its label, e.g. 督〔2026〕3号 a PDF is ready on screen (preview or issued)</extracomment>
        <translation>supervision notice</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>案件处理单</source>
        <translation>case sheet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印%1 — %2</source>
        <translation>Print %1 — %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>印发（编号并记录督办）…</source>
        <translation>Issue (number it and record the supervision)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>保存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+44"/>
        <source>正在生成…</source>
        <translation>Generating…</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>第</source>
        <translation>Page</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>正在印发…</source>
        <translation>Issuing…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>已印发 %1：已编号，并在案件上记录了督办。可保存或打印。</source>
        <translation>Issued %1: numbered, and the supervision is recorded on the case. It can now be saved or printed.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>预览：督办单编号（督〔年〕N号）在印发时生成，并在案件上记录督办。</source>
        <translation>Preview: the notice gets its number (督〔year〕N号) when it is issued, and the supervision is then recorded on the case.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>共 %n 页</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>页，共 %1 页</source>
        <translation>of %1 pages</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>未能生成：%1</source>
        <translation>Could not generate: %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>保存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>已保存到 %1</source>
        <translation>Saved to %1</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>已发送 %n 页到打印机</source>
        <translation>
            <numerusform>Sent %n page to the printer</numerusform>
            <numerusform>Sent %n pages to the printer</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrintLedgerDialog</name>
    <message>
        <location filename="../print_dialog.py" line="+139"/>
        <source>打印问题整改台账</source>
        <translation>Print rectification ledger</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>台账范围</source>
        <translation>Ledger scope</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>全辖区</source>
        <translation>Whole jurisdiction</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>全部责任单位</source>
        <translation>All responsible units</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>只列未办结</source>
        <translation>Open cases only</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>责任单位</source>
        <translation>Responsible unit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重点领域/类别</source>
        <translation>Key area / category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发现日期</source>
        <translation>Found on</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>分组小计</source>
        <translation>Group subtotals</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>打印列</source>
        <translation>Columns to print</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>生成预览</source>
        <translation>Generate preview</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消生成</source>
        <translation>Stop generating</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>保存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>选择范围后点击“生成预览”</source>
        <translation>Choose the scope, then click “Generate preview”</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>（尚未生成）</source>
        <translation>(not generated yet)</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>正在生成…</source>
        <translation>Generating…</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>生成失败</source>
        <translation>Generation failed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>台账生成失败</source>
        <translation>The ledger could not be generated</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>保存台账</source>
        <translation>Save ledger</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message numerus="yes">
        <location line="+49"/>
        <source>已发送 %n 页到打印机</source>
        <translation>
            <numerusform>Sent %n page to the printer</numerusform>
            <numerusform>Sent %n pages to the printer</numerusform>
        </translation>
    </message>
    <message>
        <location line="-302"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location line="-118"/>
        <source>不分组</source>
        <translation>No grouping</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按网格</source>
        <translation>By grid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按责任单位</source>
        <translation>By responsible unit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按问题类别</source>
        <translation>By problem category</translation>
    </message>
    <message>
        <location line="+175"/>
        <source>第</source>
        <translation>Page</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>范围已更改，请重新生成</source>
        <translation>The scope has changed; generate again</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>页，共 %1 页</source>
        <translation>of %1</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>已保存到 %1</source>
        <translation>Saved to %1</translation>
    </message>
    <message>
        <location line="-167"/>
        <source>重点领域·</source>
        <translation>Key area · </translation>
    </message>
    <message>
        <location line="+92"/>
        <source>已生成 %1 页（%2/%3 件）</source>
        <translation>Generated %1 pages (%2/%3 cases)</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>正在打印第 %1/%2 页</source>
        <translation>Printing page %1/%2</translation>
    </message>
    <message>
        <location line="-99"/>
        <source>共 %1 页，%2 件（已办结 %3，未办结 %4，超期 %5）</source>
        <translation>%1 pages, %2 cases (%3 closed, %4 open, %5 overdue)</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../queue_model.py" line="+56"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>灯</source>
        <translation>Light</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>概要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>牵头部门</source>
        <translation>Lead department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>时限/剩余</source>
        <translation>Deadline / left</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上报时间</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>派遣 %1</source>
        <extracomment>role carrying the row&apos;s TrafficLight (the delegate paints it) role carrying the case id role carrying the QueueRow itself</extracomment>
        <translation>dispatched %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>签收 %1</source>
        <translation>acknowledged %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>尚未签收</source>
        <translation>not acknowledged yet</translation>
    </message>
    <message>
        <location line="+191"/>
        <source>时限信号灯</source>
        <extracomment>a reset or a live refresh finished: the count is known and the wanted blocks are in rows of these case ids were repainted with fresh data (live update, first step) one block arrived (block index) year → the warning of a year whose calendar is not the official one (`console.calendar.year_notices`)</extracomment>
        <translation>Deadline light</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>【提请会商】</source>
        <translation>[Proposed for meeting]</translation>
    </message>
</context>
<context>
    <name>ReviewSteps</name>
    <message>
        <location filename="../review_steps.py" line="+74"/>
        <location line="+64"/>
        <source>考核对象</source>
        <translation>Assessed unit</translation>
    </message>
    <message>
        <location line="-63"/>
        <location line="+64"/>
        <source>指标</source>
        <translation>Figure</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>案件</source>
        <translation>Case</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申诉人</source>
        <translation>Appellant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申诉时间</source>
        <translation>Appealed at</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+61"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>裁定</source>
        <translation>Ruling</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>裁定人</source>
        <translation>Ruled by</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+123"/>
        <source>裁定意见</source>
        <translation>Ruling note</translation>
    </message>
    <message>
        <location line="-109"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>抽查结果</source>
        <translation>Check result</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>情况说明</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>检查人</source>
        <translation>Checked by</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>提出申诉</source>
        <extracomment>the sample these rows belong to: a result is recorded only against the sample that is both chosen and shown</extracomment>
        <translation>File an appeal</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>申诉理由：哪一项计算有误、涉及哪些案件</source>
        <translation>Grounds: which figure is wrong, and which cases it concerns</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>计算草稿</source>
        <translation>Compute draft</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>公示</source>
        <translation>Publish</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>申诉…</source>
        <translation>Appeal…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>审定</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>冻结</source>
        <translation>Freeze</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>得分调整</source>
        <translation>Score adjustment</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>申诉成立</source>
        <translation>Appeal upheld</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>申诉不成立</source>
        <translation>Appeal rejected</translation>
    </message>
    <message>
        <location line="-162"/>
        <source>季度和年度结果由已冻结的月份汇总，无需逐步审定</source>
        <translation>Quarterly and yearly results add up the frozen months: they need no approval steps of their own</translation>
    </message>
    <message>
        <location line="+297"/>
        <source>抽查批次</source>
        <translation>Spot-check batches</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>数量</source>
        <translation>Size</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>随机种子</source>
        <translation>Random seed</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>同一种子、同一批记录抽出同样的案件，可复核</source>
        <translation>The same seed on the same records draws the same cases, so a draw can be checked</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>抽取</source>
        <translation>Draw</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>情况说明（未解决或群众不认可时必填）</source>
        <translation>Notes (required when unsolved or the resident disagrees)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>记录结果</source>
        <translation>Record result</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>第 {id} 批 · 种子 {seed} · {size} 件 · {by} {at}</source>
        <translation>Batch {id} · seed {seed} · {size} cases · {by} {at}</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <location filename="../review_models.py" line="+78"/>
        <location filename="../review_window.py" line="+314"/>
        <source>合计</source>
        <extracomment>the value a column sorts by (a rate&apos;s fraction, a count; a &quot;—&quot; sorts below every number) the group key of a row (grid code, department or person id; &quot;*&quot; for the whole scope) the figure key of a column</extracomment>
        <translation>Total</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+56"/>
        <location line="+22"/>
        <location filename="../review_window.py" line="-217"/>
        <source>考核对象</source>
        <translation>Assessed unit</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>名次</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>基础分</source>
        <translation>Base score</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>加减分</source>
        <translation>Bonus / deduction</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>综合得分</source>
        <translation>Overall score</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>升降</source>
        <translation>Change</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>监测项</source>
        <translation>Monitor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>阈值</source>
        <translation>Threshold</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>案件数</source>
        <translation>Cases</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>概要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>牵头部门</source>
        <translation>Lead department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../review_window.py" line="-10"/>
        <source>督查考核</source>
        <translation>Supervisory review</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>统计周期</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>2026-10（月）、2026Q3（季）、2026（年）或 2026-10-01..2026-10-15</source>
        <translation>2026-10 (month), 2026Q3 (quarter), 2026 (year) or 2026-10-01..2026-10-15</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>村/社区网格</source>
        <translation>Village / community grids</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>三级网格</source>
        <translation>Level-3 grids</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>职能部门</source>
        <translation>Departments</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理人</source>
        <translation>Handlers</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网格员</source>
        <translation>Grid workers</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>计算</source>
        <translation>Compute</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>导出图表 PNG</source>
        <translation>Export charts as PNG</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>指标</source>
        <translation>Figures</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>排名</source>
        <translation>Ranking</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>预警</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>图表</source>
        <translation>Charts</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>审定与申诉</source>
        <translation>Approval and appeals</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>随机抽查</source>
        <translation>Spot checks</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>点击任一数字查看其背后的案件</source>
        <translation>Click any figure to see the cases behind it</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>计入的案件</source>
        <translation>Cases counted</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>计入分母未计入分子</source>
        <translation>In the denominator, not the numerator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未计入的案件及原因</source>
        <translation>Cases not counted, and why</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>未能计算：</source>
        <translation>Could not compute: </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>统计时点</source>
        <translation>As of</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>考核细则</source>
        <translation>Rules</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>导出图表</source>
        <translation>Export chart</translation>
    </message>
    <message>
        <location filename="../review_charts.py" line="+29"/>
        <source>{series} {week}周：{value}</source>
        <extracomment>what a click drills into: (&quot;week&quot;, monday), (&quot;category&quot;, category id), (&quot;group&quot;, group key)</extracomment>
        <translation>{series}, week {week}: {value}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>每周受理、结案与超期</source>
        <translation>Accepted, closed and overdue per week</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>上报</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>结案</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>按类别：上报（蓝）与结案（绿）</source>
        <translation>By category: reported (blue) and closed (green)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>综合得分排名</source>
        <translation>Ranking by overall score</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>{name}：{score}（{grade}）</source>
        <translation>{name}: {score} ({grade})</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{category}：上报 {reported}，结案 {closed}</source>
        <translation>{category}: {reported} reported, {closed} closed</translation>
    </message>
</context>
<context>
    <name>RezoningDialog</name>
    <message>
        <location filename="../dialogs/rezoning.py" line="-406"/>
        <source>案件编号</source>
        <translation>Case number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>原网格</source>
        <translation>From grid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>移入网格</source>
        <translation>Moves to</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>依据</source>
        <translation>Why</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>（未定，请选择）</source>
        <translation>(none yet, choose one)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>（未定）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>拆分网格</source>
        <translation>Split grid</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>合并网格</source>
        <translation>Merge grids</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>撤销网格</source>
        <translation>Retire grid</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>原网格撤销，新网格承接。已办结的案件仍归原网格；每件未办结案件须移入一个网格：按地址关键词建议，可逐件修改。</source>
        <translation>The grid is retired and the new grids take over. Closed cases stay with the old grid; every open case must move to a grid: proposed by address keywords, changeable case by case.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>所选网格撤销，合并为一个新网格。未办结案件默认移入新网格，可逐件修改；已办结的案件仍归原网格。</source>
        <translation>The chosen grids are retired and merged into one new grid. Open cases move to the new grid unless changed case by case; closed cases stay with their old grids.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网格撤销后不再接收新案件。每件未办结案件须移入一个在用网格；已办结的案件仍归原网格。</source>
        <translation>A retired grid takes no new cases. Every open case must move to a grid in use; closed cases stay with the old grid.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>与之合并的网格（同一上级、同级）：</source>
        <translation>Merge with (same parent, same level):</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>新网格：</source>
        <translation>New grids:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>合并后的新网格：</source>
        <translation>The merged grid:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>地址关键词（逗号分隔）</source>
        <translation>Address keywords (comma-separated)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>添加新网格</source>
        <translation>Add a new grid</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>删除所选新网格</source>
        <translation>Remove the selected new grid</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>如：户数过多，按楼栋拆分</source>
        <translation>e.g. too many households, split by building</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>调整说明</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>按规则建议去向 (F5)</source>
        <translation>Propose places by the rules (F5)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>未办结案件的去向（双击“移入网格”逐件修改）：</source>
        <translation>Where the open cases go (double-click “Moves to” to change one):</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>确定调整</source>
        <translation>Change the grids</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>新网格“%1”的户数“%2”不是非负整数</source>
        <translation>Households “%2” of new grid “%1” is not a whole number</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>正在计算案件去向…</source>
        <translation>Working out where the cases go…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>网格设置已修改：请先按规则建议去向（F5），核对每件案件后再确定</source>
        <translation>The grids were changed: propose the places again (F5) and check each case before confirming</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>还有%1件未办结案件没有去向（%2）：请在“移入网格”一栏逐件选择</source>
        <translation>%1 open cases still have no place (%2): choose one in the “Moves to” column</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1件未办结案件均已指定去向</source>
        <translation>All %1 open cases have a place</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没有未办结案件需要移交</source>
        <translation>No open case needs to move</translation>
    </message>
</context>
<context>
    <name>SetupDialogs</name>
    <message>
        <location filename="../setup_dialogs.py" line="+116"/>
        <source>修改部门</source>
        <translation>Edit department</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新增部门</source>
        <translation>New department</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>如 hbb（字母或数字）</source>
        <translation>e.g. hbb (letters or digits)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>值班电话，可不填</source>
        <translation>Duty phone, optional</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+105"/>
        <source>编码(&amp;C)</source>
        <translation>&amp;Code</translation>
    </message>
    <message>
        <location line="-105"/>
        <source>部门名称(&amp;N)</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>简称(&amp;S)</source>
        <translation>&amp;Short name</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+243"/>
        <source>电话(&amp;P)</source>
        <translation>&amp;Phone</translation>
    </message>
    <message>
        <location line="-243"/>
        <source>负责人(&amp;H)</source>
        <translation>&amp;Head</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+240"/>
        <source>不改请留空（当前 %1）</source>
        <translation>Leave blank to keep (now %1)</translation>
    </message>
    <message>
        <location line="-171"/>
        <source>修改事项清单：%1</source>
        <translation>Edit item list entry: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新增问题类别</source>
        <translation>New category</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>如 hjws（字母或数字）</source>
        <translation>e.g. hjws (letters or digits)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>属六个重点领域</source>
        <translation>One of the six key areas</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>类别名称(&amp;N)</source>
        <translation>Category &amp;name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>牵头部门(&amp;L)</source>
        <translation>&amp;Lead department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>配合部门（空格键勾选）</source>
        <translation>Co-departments (Space ticks)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>默认级别(&amp;V)</source>
        <translation>Default se&amp;verity</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办结时限（按级别）</source>
        <translation>Time limit (by severity)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>环节时限（不勾选则用全镇默认）</source>
        <translation>Stage limits (unticked: township default)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>工作流程：发现—上报—派遣—处置—反馈—核查</source>
        <translation>Workflow: find – report – dispatch – handle – feedback – verify</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>结案标准：什么情况下可以核查结案</source>
        <translation>Closing standard: when the case may be verified and closed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在用</source>
        <translation>In use</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>工作流程(&amp;W)</source>
        <translation>&amp;Workflow</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结案标准(&amp;B)</source>
        <translation>Closing standard (&amp;B)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>自该日起派遣的案件按新时限计算；此前已派遣、未办结的案件保留派遣时的时限。</source>
        <translation>Cases dispatched from that day get the new limit; open cases dispatched before keep the limit they were dispatched with.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>为何修改，如 依据县网格中心通知调整时限</source>
        <translation>Why it changes, e.g. limits adjusted by the county grid centre&apos;s notice</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>生效日期(&amp;E)</source>
        <translation>&amp;Effective from</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>变更说明(&amp;M)</source>
        <translation>Reason for the change (&amp;M)</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>修改人员</source>
        <translation>Edit person</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>新增人员</source>
        <translation>New person</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>登录名，可不填</source>
        <translation>Login, optional</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>姓名(&amp;N)</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>部门(&amp;D)</source>
        <translation>&amp;Department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>登录名(&amp;L)</source>
        <translation>&amp;Login</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>任命网格职务：%1</source>
        <translation>Assign grid post: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>网格(&amp;G)</source>
        <translation>&amp;Grid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>职务(&amp;R)</source>
        <translation>&amp;Role</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>起始日期(&amp;S)</source>
        <translation>&amp;Start date</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>说明(&amp;N)</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>新增网格</source>
        <translation>New grid</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>15位：乡镇9位 + 村（社区）3位 + 网格3位</source>
        <translation>15 digits: township 9 + village/community 3 + grid 3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>网格编码(&amp;C)</source>
        <translation>Grid &amp;code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网格名称(&amp;N)</source>
        <translation>Grid &amp;name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类型(&amp;K)</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>户数(&amp;H)</source>
        <translation>&amp;Households</translation>
    </message>
</context>
<context>
    <name>SetupModels</name>
    <message>
        <location filename="../setup_models.py" line="+36"/>
        <source>在用</source>
        <extracomment>the row object behind a table row (a `console.setup` dataclass)</extracomment>
        <translation>In use</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已停用</source>
        <translation>Retired</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+11"/>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>部门名称</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>简称</source>
        <translation>Short name</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+37"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>负责人</source>
        <translation>Head</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+13"/>
        <location line="+25"/>
        <location line="+46"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="-75"/>
        <location line="+72"/>
        <source>问题类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="-71"/>
        <source>重点领域</source>
        <translation>Key area</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+73"/>
        <source>牵头部门</source>
        <translation>Lead department</translation>
    </message>
    <message>
        <location line="-72"/>
        <location line="+73"/>
        <source>配合部门</source>
        <translation>Co-departments</translation>
    </message>
    <message>
        <location line="-73"/>
        <location line="+71"/>
        <source>默认级别</source>
        <translation>Default severity</translation>
    </message>
    <message>
        <location line="-70"/>
        <location line="+70"/>
        <source>办结时限（简单/一般/复杂）</source>
        <translation>Time limit (simple/general/complex)</translation>
    </message>
    <message>
        <location line="-69"/>
        <location line="+68"/>
        <source>生效日期</source>
        <translation>Effective from</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>登录名</source>
        <translation>Login</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网格职务</source>
        <translation>Grid posts</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+22"/>
        <source>网格编码</source>
        <translation>Grid code</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>职务</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>起始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>终止日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>至今</source>
        <translation>current</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+24"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>未载入</source>
        <translation>Not loaded</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>官方放假安排</source>
        <translation>Official schedule</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>网格名称</source>
        <translation>Grid name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>层级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>环节时限</source>
        <translation>Stage limits</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>记录人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>记录时间</source>
        <translation>Recorded at</translation>
    </message>
</context>
<context>
    <name>SetupPages</name>
    <message>
        <location filename="../setup_pages.py" line="+119"/>
        <source>显示已停用的</source>
        <extracomment>a column fitted to its texts is never wider than this (longer texts elide, the tooltip has them whole)</extracomment>
        <translation>Show retired</translation>
    </message>
    <message>
        <location line="+148"/>
        <source>新增部门(&amp;A)…</source>
        <translation>&amp;Add department…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+56"/>
        <source>修改(&amp;E)…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>停用(&amp;R)…</source>
        <translation>&amp;Retire…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>恢复启用</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>停用部门：%1</source>
        <translation>Retire department: %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>新增人员(&amp;A)…</source>
        <translation>&amp;Add person…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>离岗(&amp;R)…</source>
        <translation>&amp;Leave post…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>任命网格职务(&amp;P)…</source>
        <translation>Assign grid &amp;post…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结束职务…</source>
        <translation>End post…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>所选人员的网格职务（历任记录保留）：</source>
        <translation>Grid posts of the selected person (past holders are kept):</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>人员离岗：%1</source>
        <translation>Leaving: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>离岗日期（其网格职务同日结束）</source>
        <translation>Last day (their grid posts end that day)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>结束职务：%1 %2</source>
        <translation>End post: %1 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
</context>
<context>
    <name>SetupWindow</name>
    <message>
        <location filename="../setup_window.py" line="+31"/>
        <source>部门(&amp;1)</source>
        <extracomment>the tabs: key → caption</extracomment>
        <translation>Departments (&amp;1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项清单(&amp;2)</source>
        <translation>Item list (&amp;2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>常用语(&amp;3)</source>
        <translation>Stock phrases (&amp;3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网格(&amp;4)</source>
        <translation>Grids (&amp;4)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>人员与职务(&amp;5)</source>
        <translation>Staff and posts (&amp;5)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>基础设置</source>
        <translation>Reference data</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <location filename="../status_strip.py" line="+14"/>
        <source>待受理</source>
        <translation>Pending intake</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>即将超期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>今日新增</source>
        <translation>New today</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>今日办结</source>
        <translation>Closed today</translation>
    </message>
</context>
<context>
    <name>Wizard</name>
    <message>
        <location filename="../setup_wizard.py" line="+72"/>
        <source>欢迎使用网格化管理指挥调度台</source>
        <translation>Welcome to the Grid Management Console</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本数据库还没有乡镇。请选择如何开始。</source>
        <translation>This database has no township yet. Choose how to start.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>设置本乡镇（从零开始：网格、部门、事项清单、人员、工作日历）(&amp;R)</source>
        <translation>Set up this township from scratch: grids, departments, item list, staff, working calendar (&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>建立示例乡镇（三官庙街道，含示例案件，用于试用和培训）(&amp;D)</source>
        <translation>Build the &amp;demo township (Sanguanmiao, with sample cases, for trying and training)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>示例案件数(&amp;N)</source>
        <translation>&amp;Number of sample cases</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>每一步都可以从表格文件导入（可先保存模板填写），也可以逐条录入；每步保存后即生效，以后可在“系统 → 基础设置”中修改。</source>
        <translation>Every step can import a spreadsheet (save the template first and fill it in) or take rows one by one; each step is saved as it is done and can be changed later under System → Reference data.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>乡镇（街道）</source>
        <translation>Township (sub-district)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>名称和行政区划代码（15位：县区6位 + 乡镇3位 + 000000）。</source>
        <translation>Name and administrative division code (15 digits: county 6 + township 3 + 000000).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>乡镇（街道）名称(&amp;N)</source>
        <translation>Township &amp;name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>行政区划代码(&amp;C)</source>
        <translation>Division &amp;code</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>建立示例乡镇</source>
        <translation>Building the demo township</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>三官庙街道：1 个街道、14 个社区（村）、59 个网格，部门、事项清单、人员和示例案件。</source>
        <translation>Sanguanmiao sub-district: 1 sub-district, 14 communities/villages, 59 grids, departments, item list, staff and sample cases.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>正在建立示例乡镇，请稍候…</source>
        <translation>Building the demo township, please wait…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>示例乡镇“%1”已建立：网格 %2 个，部门 %3 个，问题类别 %4 类，案件 %5 件。</source>
        <translation>Demo township “%1” built: %2 grids, %3 departments, %4 categories, %5 cases.</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+33"/>
        <source>首次设置向导</source>
        <translation>First-start wizard</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>网格</source>
        <translation>Grids</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>导入网格花名册（村/社区和网格，可先保存模板），或逐个新增；以后可在基础设置中拆分、合并。</source>
        <translation>Import the grid roster (villages/communities and their grids; save the template first) or add grids one by one; split and merge them later under Reference data.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>职能部门</source>
        <translation>Departments</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>承办案件的部门：名称、简称、值班电话、负责人。</source>
        <translation>The departments that handle cases: name, short name, duty phone, head.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项清单</source>
        <translation>Item list</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>问题类别及其牵头部门、配合部门、办结时限、工作流程和结案标准。</source>
        <translation>Categories with their lead department, co-departments, time limits, workflow and closing standard.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>人员与网格职务</source>
        <translation>Staff and grid posts</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>网格长、网格员和部门办理人员，以及各人在哪个网格任何职务。</source>
        <translation>Grid leaders, grid workers and department handlers, and who holds which post in which grid.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作日历</source>
        <translation>Working calendar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>办结时限按工作日计算：载入各年的法定节假日和调休安排。</source>
        <translation>Time limits count working days: load each year&apos;s statutory holidays and make-up workdays.</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+2"/>
        <source>%1 — 第 %2 步，共 %3 步</source>
        <translation>%1 — step %2 of %3</translation>
    </message>
</context>
<context>
    <name>WizardPages</name>
    <message>
        <location filename="../setup_wizard_pages.py" line="-66"/>
        <source>新增网格(&amp;A)…</source>
        <translation>&amp;Add grid…</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>载入内置放假安排(&amp;L)</source>
        <translation>&amp;Load built-in holiday schedules</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导入某年放假安排(&amp;I)…</source>
        <translation>&amp;Import a year&apos;s schedule…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>时限按工作日计算，须有当年的国务院放假安排；内置安排随程序更新，新一年的安排公布后可从CSV（date,type,name）导入。</source>
        <translation>Limits count working days and need the year&apos;s State Council holiday schedule; the built-in schedules come with the program, and a new year&apos;s can be imported from CSV (date,type,name) once published.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>导入放假安排</source>
        <translation>Import holiday schedule</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>选择放假安排文件（CSV：date,type,name）</source>
        <translation>Choose the schedule file (CSV: date,type,name)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>已导入 %1 年放假安排：%2 天</source>
        <translation>Holiday schedule %1 imported: %2 days</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../app.py" line="+59"/>
        <location line="+29"/>
        <source>密码未保存</source>
        <translation>Password not saved</translation>
    </message>
    <message>
        <location line="+59"/>
        <location line="+4"/>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
</context>
<context>
    <name>audit</name>
    <message>
        <location filename="../../console/security/audit.py" line="+218"/>
        <source>序号</source>
        <extracomment>the legal minimum retention; the `audit_retention_days` setting may only lengthen it written on PostgreSQL only by the server&apos;s own functions (reveals, the gate&apos;s failures and locks, password changes, the administrators&apos; grants): the audit trigger refuses them to a person&apos;s own INSERT (migration 0018) the export&apos;s columns (the administration window shows them translated)</extracomment>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>席位</source>
        <translation>Seat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事件</source>
        <translation>Event</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>对象</source>
        <translation>Object</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>详情</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>calendar</name>
    <message>
        <location filename="../../console/calendar.py" line="+207"/>
        <source>%1 之后十年内没有工作日，请检查工作日历</source>
        <extracomment>statutory holidays on a fixed Gregorian date (全国年节及纪念日放假办法): the only ones a year without an official schedule can know. Since 2025 (国务院令第795号) 劳动节 is two days, 5/1 and 5/2. 国务院令第795号 (2025) added 除夕 to the 春节 days off</extracomment>
        <translation>There is no working day within ten years after %1: please check the work calendar</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 之前十年内没有工作日，请检查工作日历</source>
        <translation>There is no working day within ten years before %1: please check the work calendar</translation>
    </message>
    <message>
        <location line="+235"/>
        <source>第 %1 行：%2</source>
        <translation>Line %1: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1；另有 %2 处</source>
        <translation>%1; %2 more</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 年放假安排有 %2 处错误，未导入：%3</source>
        <translation>The %1 holiday schedule was not imported (problems found: %2): %3</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>找不到文件：%1</source>
        <translation>File not found: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>文件 %1 不是 UTF-8 编码的 CSV，请另存为 UTF-8 后重试</source>
        <translation>File %1 is not a UTF-8 CSV: save it as UTF-8 and try again</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>年份 %1 超出范围（%2–%3）</source>
        <translation>Year %1 is out of range (%2–%3)</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>请填写放假安排的来源（如 国办发明电〔2026〕X号）</source>
        <translation>Please enter the source of the holiday schedule (e.g. the State Council notice number)</translation>
    </message>
</context>
<context>
    <name>console</name>
    <message>
        <location filename="../../console/i18n.py" line="+61"/>
        <source>%1；%2</source>
        <extracomment>joins several refusals into one sentence</extracomment>
        <translation>%1; %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1、%2</source>
        <extracomment>joins the items of a list (statuses, posts) inside a sentence</extracomment>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>db</name>
    <message>
        <location filename="../../console/db.py" line="+51"/>
        <source>无效的数据库地址：%1</source>
        <translation>Invalid database address: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>不支持的数据库类型：%1（仅支持 SQLite 和 PostgreSQL）</source>
        <translation>Unsupported database type: %1 (only SQLite and PostgreSQL are supported)</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>“%1”是文件夹，不是数据库文件：请指定一个 .db 文件</source>
        <translation>&quot;%1&quot; is a folder, not a database file: please choose a .db file</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>数据库文件“%1”不存在，未创建任何文件：新建数据库请运行 `gridconsole db upgrade` 或 `gridconsole demo`，或检查 --db 指定的路径</source>
        <translation>Database file &quot;%1&quot; does not exist and nothing was created: to create a database run `gridconsole db upgrade` or `gridconsole demo`, or check the path given with --db</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>无法读取数据库文件“%1”（%2），未做任何修改：请检查文件权限</source>
        <translation>Cannot read database file &quot;%1&quot; (%2); nothing was changed: please check the file permissions</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>是空文件</source>
        <translation>is empty</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>不是 SQLite 数据库</source>
        <translation>is not an SQLite database</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>文件“%1”%2，不是 GridConsole 数据库，未做任何修改：请检查 --db 指定的文件</source>
        <translation>File &quot;%1&quot; %2, so it is not a GridConsole database; nothing was changed: please check the file given with --db</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>数据库结构版本（%1）比本程序新，无法使用：请升级 GridConsole 后再连接此数据库</source>
        <extracomment>the server&apos;s clock in China Standard Time, as `console.clock` counts (naive)</extracomment>
        <translation>The database schema version (%1) is newer than this program and cannot be used: please upgrade GridConsole before connecting to this database</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>数据库尚未初始化或结构版本过旧，请先运行 `gridconsole db upgrade`</source>
        <translation>The database is not initialised or its schema is out of date: please run `gridconsole db upgrade` first</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>数据库尚未初始化，请先运行 `gridconsole db upgrade`（或 `gridconsole demo` 建示例数据）</source>
        <translation>The database is not initialised: please run `gridconsole db upgrade` first (or `gridconsole demo` for sample data)</translation>
    </message>
</context>
<context>
    <name>deadlines</name>
    <message>
        <location filename="../../console/deadlines/case.py" line="+61"/>
        <source>案件 %1 不存在</source>
        <translation>Case %1 does not exist</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>案件 %1 尚未派遣，也没有正在计时的环节，无时限可解释</source>
        <translation>Case %1 is not dispatched and has no running stage: there is no deadline to explain</translation>
    </message>
    <message>
        <location filename="../../console/deadlines/limits.py" line="+37"/>
        <source>时限“%1”无效，应为 1 到 %2 之间的整数</source>
        <translation>Limit “%1” is invalid: it must be a whole number from 1 to %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>时限“%1”格式无效，应为 类型:数值，如 working_days:5</source>
        <translation>Limit “%1” is malformed: write type:value, e.g. working_days:5</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>时限“%1”的数值无效，应为正整数</source>
        <translation>The value of limit “%1” is invalid: it must be a positive whole number</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>时限类型“%1”无效：%2</source>
        <translation>Limit type “%1” is invalid: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>办公时间不能为空</source>
        <translation>Office hours cannot be empty</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>办公时间段 %1-%2 无效：开始须早于结束</source>
        <translation>Office hours %1-%2 are invalid: the start must be before the end</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>办公时间段须按时间先后排列且互不重叠</source>
        <translation>Office hours must be in order and must not overlap</translation>
    </message>
    <message>
        <location line="+52"/>
        <location line="+2"/>
        <source>黄灯阈值“%1”无效，应为 0 到 1 之间的小数，如 0.8</source>
        <translation>Yellow-light threshold “%1” is invalid: it must be a fraction between 0 and 1, e.g. 0.8</translation>
    </message>
</context>
<context>
    <name>domain</name>
    <message>
        <location filename="../../console/domain.py" line="+41"/>
        <source>待受理</source>
        <translation>Pending intake</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待派遣</source>
        <translation>Pending dispatch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待签收</source>
        <translation>Pending acknowledgement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办理中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>延期审批中</source>
        <translation>Extension pending</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待核查</source>
        <translation>Pending verification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>待结案</source>
        <translation>Pending closure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已结案</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已评价</source>
        <translation>Evaluated</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已上报县级</source>
        <translation>Escalated to county</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../console/workflow/actions.py" line="+146"/>
        <source>挂账</source>
        <translation>Long-term (on ledger)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../console/workflow/actions.py" line="-31"/>
        <source>不予受理</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已合并</source>
        <translation>Merged</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>一般督办</source>
        <translation>Ordinary supervision</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重点督办</source>
        <translation>Priority supervision</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>挂牌督办</source>
        <translation>Listed supervision</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>已解决</source>
        <translation>Solved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法解决</source>
        <translation>Unsolvable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>反映不实</source>
        <translation>Unfounded</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重复件</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>新建</source>
        <translation>Create</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>更名</source>
        <translation>Rename</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>拆分</source>
        <translation>Split</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>合并</source>
        <translation>Merge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>撤销</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>常规网格</source>
        <translation>Regular grid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>企业网格</source>
        <translation>Enterprise grid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>专属网格</source>
        <translation>Special grid</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>网格长</source>
        <translation>Grid leader</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网格员</source>
        <translation>Grid worker</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>督导员</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>巡查员</source>
        <translation>Patroller</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>协理员</source>
        <translation>Assistant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>专管员</source>
        <translation>Specialist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>信息员</source>
        <translation>Informant</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>紧急小时</source>
        <translation>Urgent hours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作时</source>
        <translation>Working hours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>工作日</source>
        <translation>Working days</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>自然日</source>
        <translation>Calendar days</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>基本满意</source>
        <translation>Mostly satisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>简单</source>
        <translation>Simple</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>一般</source>
        <translation>General</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>复杂</source>
        <translation>Complex</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>网格员巡查</source>
        <translation>Grid patrol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>群众反映</source>
        <translation>Resident report</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>12345热线</source>
        <translation>12345 hotline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>部门移交</source>
        <translation>Department referral</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>督查发现</source>
        <translation>Supervisor finding</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>受理/立案</source>
        <extracomment>statuses in which the case is still the township&apos;s work statuses in which the deadline clock is stopped (suspended with approval, or out of the township&apos;s hands) statuses whose stage clock runs (open and not paused) with a department, before feedback: where the handling deadline (办结时限) can be missed (console.overdue) 已结案 (closed, rated or not): the problem is settled; a new report of it is rework or a recurrence</extracomment>
        <translation>Intake</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../console/workflow/actions.py" line="+4"/>
        <source>派遣</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>处置</source>
        <translation>Handling</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../console/workflow/actions.py" line="+11"/>
        <source>核查</source>
        <translation>Verify</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>正常</source>
        <translation>On time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>即将超期</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>计时暂停</source>
        <translation>Clock paused</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不计时</source>
        <translation>Untimed</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>内部</source>
        <translation>Internal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>可公开</source>
        <translation>Public</translation>
    </message>
    <message>
        <location filename="../../console/workflow/actions.py" line="-17"/>
        <source>受理立案</source>
        <extracomment>the columns of `cases` its handler may change (besides `SYSTEM_WRITES`); the server refuses any other columns of `cases` every action changes: its version, and who changed it when (`CaseService.act_in`) moment columns: an action that sets one sets it to the moment it is taken, its history row&apos;s `at` (the server holds a person&apos;s UPDATE to this, and that moment to its own clock: `console.security.pg_workflow`) fields whose before/after values go into the history row&apos;s `changes` (`CaseService.act_in`; the server holds a person&apos;s UPDATE to stating every one it changes)</extracomment>
        <translation>Accept</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>合并重复件</source>
        <translation>Merge duplicate</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>签收</source>
        <translation>Acknowledge receipt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>进展记录</source>
        <translation>Record progress</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>办理反馈</source>
        <translation>Report result</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>退回中心</source>
        <translation>Return to center</translation>
    </message>
    <message>
        <location filename="../../console/meetings/kinds.py" line="+11"/>
        <source>每周会商</source>
        <translation>Weekly meeting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>民情分析会</source>
        <translation>Residents&apos; analysis meeting</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>筹备</source>
        <translation>Preparing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>议程已发</source>
        <translation>Agenda sent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已召开</source>
        <translation>Held</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>纪要已审定</source>
        <translation>Minutes approved</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>已邀请</source>
        <translation>Invited</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>出席</source>
        <translation>Present</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缺席</source>
        <translation>Absent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>委托参会</source>
        <translation>Substitute</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>交办/重新交办</source>
        <translation>Assign / reassign</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>提请县级</source>
        <translation>Refer to the county</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>挂账治理</source>
        <translation>Long-term governance</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../console/workflow/actions.py" line="+5"/>
        <source>结案</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../console/workflow/actions.py" line="+36"/>
        <source>退回网格</source>
        <translation>Back to the grid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>持续关注</source>
        <translation>Keep watching</translation>
    </message>
    <message>
        <location filename="../../console/workflow/actions.py" line="-34"/>
        <source>回访评价</source>
        <translation>Callback evaluation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>申请延期</source>
        <translation>Request extension</translation>
    </message>
    <message>
        <location filename="../../console/meetings/kinds.py" line="-6"/>
        <location filename="../../console/workflow/actions.py" line="+4"/>
        <source>延期审批</source>
        <translation>Decide extension</translation>
    </message>
    <message>
        <location filename="../../console/workflow/actions.py" line="+2"/>
        <source>上报县级</source>
        <translation>Escalate to county</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>县级回复</source>
        <translation>County answer</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>恢复办理</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>重新办理</source>
        <translation>Reopen for rework</translation>
    </message>
    <message>
        <location filename="../../console/meetings/kinds.py" line="+1"/>
        <location filename="../../console/workflow/actions.py" line="+4"/>
        <source>督办</source>
        <translation>Supervision notice</translation>
    </message>
    <message>
        <location filename="../../console/workflow/actions.py" line="+2"/>
        <source>认领</source>
        <translation>Claim</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>释放认领</source>
        <translation>Release claim</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>添加附件</source>
        <translation>Add attachment</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>提请会商</source>
        <translation>Propose for meeting</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>移交网格</source>
        <translation>Move to grid</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>关注</source>
        <translation>Watch</translation>
    </message>
    <message>
        <location filename="../../console/workflow/read.py" line="+261"/>
        <source>上报</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>合并入本案</source>
        <translation>Merged into this case</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>本案并入</source>
        <translation>This case merged into</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>本案复发自</source>
        <translation>Recurrence of</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>复发件</source>
        <translation>Recurrence</translation>
    </message>
    <message>
        <location filename="../../console/security/post_names.py" line="+11"/>
        <source>调度员</source>
        <translation>Dispatcher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>中心主任/班长</source>
        <translation>Center head / shift lead</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>部门办理人</source>
        <translation>Department handler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>网格长/网格员</source>
        <translation>Grid leader / grid worker</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>督查员</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>系统管理员</source>
        <translation>System administrator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>安全管理员</source>
        <translation>Security administrator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>审计管理员</source>
        <translation>Audit administrator</translation>
    </message>
    <message>
        <location filename="../../console/queue/seat_alerts.py" line="+33"/>
        <source>新派遣案件</source>
        <translation>New case dispatched</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新派遣案件（配合办理）</source>
        <translation>New case dispatched (co-department)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退回重新办理</source>
        <translation>Sent back for rework</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../errors.py" line="+27"/>
        <source>与数据库的连接已中断，本次操作未保存。连接恢复后再按“确定”即可重试，已填写的内容仍在。</source>
        <translation>The connection to the database was lost; nothing was saved. Once it is back, press OK to try again; what you typed is kept.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>操作未完成</source>
        <translation>Not done</translation>
    </message>
    <message>
        <location filename="../../console/errors.py" line="+43"/>
        <source>刚才</source>
        <translation>just now</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>案件 %1 已被 %2 于 %3 修改，请刷新后重试</source>
        <translation>Case %1 was changed by %2 at %3; refresh and try again</translation>
    </message>
</context>
<context>
    <name>faults</name>
    <message>
        <location filename="../../console/faults.py" line="+48"/>
        <source>本次操作未保存任何内容</source>
        <translation>Nothing was saved</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>所选文件不是 GridConsole 数据库（或已损坏），本次操作未保存任何内容：请检查 --db 指定的文件</source>
        <translation>The chosen file is not a GridConsole database (or it is damaged); nothing was saved: check the file given with --db</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>无法打开数据库文件，本次操作未保存任何内容：请检查文件路径和读写权限</source>
        <translation>The database file cannot be opened; nothing was saved: check the path and the read/write permissions</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>数据库正被另一处占用，等待超时，本次操作未保存任何内容：请稍后重试</source>
        <translation>The database is busy elsewhere and the wait timed out; nothing was saved: try again shortly</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>数据库拒绝登录：用户名或密码错误，本次操作未保存任何内容。请用 gridconsole db set-password 重新保存密码</source>
        <translation>The database refused the login (wrong user name or password); nothing was saved. Store the password again with gridconsole db set-password</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>连接数据库需要密码，但未找到已保存的密码，本次操作未保存任何内容：请先运行 gridconsole db set-password</source>
        <translation>The database needs a password and none is stored; nothing was saved: run gridconsole db set-password first</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>数据库服务器上没有名为“%1”的数据库，本次操作未保存任何内容：请检查数据库地址</source>
        <translation>The database server has no database named “%1”; nothing was saved: check the database address</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>数据库服务器上没有登录名“%1”，本次操作未保存任何内容：请检查数据库地址中的用户名</source>
        <translation>The database server has no login “%1”; nothing was saved: check the user name in the database address</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>该登录名已被锁定或停用，本次操作未保存任何内容：请联系安全管理员</source>
        <translation>This login is locked or disabled; nothing was saved: contact the security administrator</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>无法连接数据库或连接已中断，本次操作未保存任何内容：请检查网络和数据库服务器后重试</source>
        <translation>The database cannot be reached or the connection was lost; nothing was saved: check the network and the database server, then try again</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>“%1”是文件夹，不是文件，本次操作未保存任何内容：请指定一个文件</source>
        <translation>“%1” is a folder, not a file; nothing was saved: name a file</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>找不到文件“%1”，本次操作未保存任何内容：请检查路径</source>
        <translation>File “%1” not found; nothing was saved: check the path</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>没有权限读写“%1”，本次操作未保存任何内容：请检查文件权限</source>
        <translation>No permission to read or write “%1”; nothing was saved: check the file permissions</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>磁盘空间已满，本次操作未保存任何内容：请清理磁盘后重试</source>
        <translation>The disk is full; nothing was saved: free some space and try again</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>文件中有一个单元格过长（超过 128 KB），可能不是表格文件或分隔符有误，未导入任何数据：请检查文件</source>
        <translation>A cell in the file is too long (over 128 KB): it may not be a table, or the separator is wrong; nothing was imported: check the file</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>文件不是有效的 Excel（.xlsx）文件（可能已损坏或实际是其他格式），未导入任何数据：请在 Excel 中另存为 .xlsx 或 .csv</source>
        <translation>The file is not a valid Excel (.xlsx) file (damaged, or another format); nothing was imported: save it again from Excel as .xlsx or .csv</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>无法识别文件编码，未导入任何数据：请另存为 UTF-8 或 GB18030（ANSI）编码</source>
        <translation>The file&apos;s encoding is not recognised; nothing was imported: save it as UTF-8 or GB18030 (ANSI)</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>程序内部错误，本次操作未保存任何内容；详细记录已写入 %1，请将该文件发给技术支持</source>
        <translation>Internal program error; nothing was saved. The details are in %1: send that file to technical support</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>程序内部错误，本次操作未保存任何内容：请联系技术支持</source>
        <translation>Internal program error; nothing was saved: contact technical support</translation>
    </message>
</context>
<context>
    <name>grids</name>
    <message>
        <location filename="../../console/grids.py" line="+57"/>
        <source>网格编码“%1”无效：应为15位数字（区县6位+乡镇3位+村社区3位+网格3位）</source>
        <translation>Grid code &quot;%1&quot; is invalid: it must be 15 digits (county 6 + township 3 + village/community 3 + grid 3)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>网格编码“%1”无效：乡镇/街道段（第7-9位）不能为000</source>
        <translation>Grid code &quot;%1&quot; is invalid: the township/street part (digits 7-9) cannot be 000</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>网格编码“%1”与层级不符：%2级网格的编码应为%3</source>
        <translation>Grid code &quot;%1&quot; does not match its level: a level-%2 grid&apos;s code should be %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>一级网格“%1”不能有上级网格</source>
        <translation>Level-1 grid &quot;%1&quot; cannot have a parent grid</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>网格编码“%1”未延续上级网格编码“%2”（应以%3开头）</source>
        <translation>Grid code &quot;%1&quot; does not continue its parent&apos;s code &quot;%2&quot; (it should start with %3)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>网格编码“%1”的上级编码“%2”无效</source>
        <translation>The parent code &quot;%2&quot; of grid code &quot;%1&quot; is invalid</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>网格编码“%1”：村/社区段900-999保留给企业网格和专属网格</source>
        <translation>Grid code &quot;%1&quot;: village/community parts 900-999 are reserved for enterprise and dedicated grids</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1“%2”的村/社区段应在900-999之间</source>
        <translation>The village/community part of %1 &quot;%2&quot; must be between 900 and 999</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>网格编码“%1”不存在</source>
        <translation>Grid code &quot;%1&quot; does not exist</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>网格（id=%1）不存在</source>
        <translation>Grid (id=%1) does not exist</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>网格名称不能为空</source>
        <translation>The grid name cannot be empty</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>网格名称“%1…”过长（最多80字）</source>
        <translation>Grid name &quot;%1…&quot; is too long (at most 80 characters)</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+264"/>
        <source>网格编码“%1”已存在</source>
        <translation>Grid code &quot;%1&quot; already exists</translation>
    </message>
    <message>
        <location line="-258"/>
        <source>上级网格“%1”不存在</source>
        <translation>Parent grid &quot;%1&quot; does not exist</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>上级网格“%1”（%2）已撤销，不能在其下新建网格</source>
        <translation>Parent grid &quot;%1&quot; (%2) has been dissolved: no new grid can be created under it</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+254"/>
        <source>户数不能为负数</source>
        <translation>The number of households cannot be negative</translation>
    </message>
    <message>
        <location line="-230"/>
        <source>网格“%1”的新名称与原名称相同</source>
        <translation>The new name of grid &quot;%1&quot; is the same as the old one</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>网格“%1”（%2）已撤销</source>
        <translation>Grid &quot;%1&quot; (%2) has been dissolved</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>一级网格（乡镇/街道）不能拆分、合并或撤销</source>
        <translation>A level-1 grid (township/street) cannot be split, merged or dissolved</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>网格“%1”下仍有%2个在用的下级网格，请先调整下级网格（下级编码须延续上级编码）</source>
        <translation>Grid &quot;%1&quot; still has %2 active child grids: adjust them first (a child&apos;s code must continue its parent&apos;s code)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1尚有%2件未办结案件（%3）没有去向，网格未作改动：请按地址规则或逐件指定每件案件移入的网格</source>
        <translation>%1 still hold %2 open cases (%3) with no place to go; the grids were not changed: place each case by an address rule or by hand</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1尚有%2件未办结案件，您的岗位看不到这些案件：须由中心主任调整网格并指明每件案件的去向，网格未作改动</source>
        <translation>%1 still hold %2 open cases that your post cannot see: the center head must change these grids and place each case; the grids were not changed</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1等</source>
        <translation>%1 and more</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>拆分至少要产生2个新网格</source>
        <translation>A split must produce at least 2 new grids</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>合并至少需要2个网格</source>
        <translation>A merge needs at least 2 grids</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>只能合并同一上级网格下的同级网格</source>
        <translation>Only grids of the same level under the same parent can be merged</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>常规网格与企业/专属网格不能合并</source>
        <translation>Regular grids cannot be merged with enterprise/dedicated grids</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>网格编码“%1”重复</source>
        <translation>Grid code &quot;%1&quot; is repeated</translation>
    </message>
</context>
<context>
    <name>importing</name>
    <message>
        <location filename="../../console/importing.py" line="+87"/>
        <source>第%1行［%2］：%3</source>
        <translation>Row %1 [%2]: %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>第%1行：%2</source>
        <translation>Row %1: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>数据</source>
        <translation>Data</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1导入失败：发现%2处错误，未导入任何数据</source>
        <translation>%1 import failed, nothing was imported (problems found: %2)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>无法识别文件编码，未导入任何数据：请另存为 UTF-8 或 GB18030（ANSI）编码的 CSV</source>
        <translation>The file&apos;s encoding is not recognised and nothing was imported: save it as a UTF-8 or GB18030 (ANSI) CSV</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>“%1”是文件夹，不是文件，未导入任何数据：请指定要导入的 .csv 或 .xlsx 文件</source>
        <translation>&quot;%1&quot; is a folder, not a file; nothing was imported: choose the .csv or .xlsx file to import</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>文件不存在：%1，未导入任何数据</source>
        <translation>File not found: %1; nothing was imported</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>文件 %1 不是有效的 Excel（.xlsx）文件（可能已损坏，或实际是其他格式），未导入任何数据：请在 Excel 中另存为 .xlsx 或 .csv 后再导入</source>
        <translation>File %1 is not a valid Excel (.xlsx) file (it may be damaged or in another format); nothing was imported: save it as .xlsx or .csv in Excel and import again</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>文件 %1 无法按 CSV 读取（%2），未导入任何数据：请确认它是逗号分隔的表格文件</source>
        <translation>File %1 cannot be read as CSV (%2); nothing was imported: check that it is a comma-separated table</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>不支持的文件类型“%1”：请使用 .csv 或 .xlsx</source>
        <translation>Unsupported file type &quot;%1&quot;: please use .csv or .xlsx</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>文件 %1 没有表头</source>
        <translation>File %1 has no header row</translation>
    </message>
    <message>
        <location line="+45"/>
        <location line="+10"/>
        <location line="+2"/>
        <source>第%1列</source>
        <extracomment>words people use for one another in headers: compared as the same when guessing the header meant</extracomment>
        <translation>Column %1</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>此列有数据但没有表头</source>
        <translation>This column has data but no header</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>，是否应为“%1”？</source>
        <translation>; did you mean &quot;%1&quot;?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>：可用的列为%1</source>
        <translation>: the columns available are %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未知的列“%1”%2</source>
        <translation>Unknown column &quot;%1&quot;%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1”与第%2列是同一项（%3）</source>
        <translation>&quot;%1&quot; is the same field as column %2 (%3)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>缺少此列</source>
        <translation>This column is missing</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1文件中没有数据行，未导入任何数据</source>
        <translation>The %1 file has no data rows; nothing was imported</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>缺少必填项</source>
        <translation>Required value missing</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>日期“%1”早于%2（本系统可登记的最早日期），请核对年份</source>
        <extracomment>no date in an import may be earlier (unless the calendar starts earlier)</extracomment>
        <translation>Date &quot;%1&quot; is before %2 (the earliest date this system records): please check the year</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“%1”晚于当前时间，请核对</source>
        <translation>&quot;%1&quot; is later than now: please check it</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“%1”应为日期，不带时间</source>
        <translation>&quot;%1&quot; should be a date without a time</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>日期“%1”无效：没有%2月</source>
        <translation>Date &quot;%1&quot; is invalid: there is no month %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>日期“%1”不存在：%2年%3月没有%4日</source>
        <translation>Date &quot;%1&quot; does not exist: %2-%3 has no day %4</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>时间“%1”无效：时应为0-23，分、秒应为0-59</source>
        <translation>Time &quot;%1&quot; is invalid: hours must be 0-23, minutes and seconds 0-59</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>日期“%1”无法确定是哪一天，请写成 %2</source>
        <translation>Date &quot;%1&quot; is ambiguous: please write it as %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“%1”不是日期，请写成 %2</source>
        <translation>&quot;%1&quot; is not a date: please write it as %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“%1”不是整数</source>
        <translation>&quot;%1&quot; is not a whole number</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1超出范围（%2-%3）</source>
        <translation>%1 is out of range (%2-%3)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>未知的网格编码“%1”：数据库中没有此网格，请先导入或新建网格</source>
        <translation>Unknown grid code &quot;%1&quot;: the database has no such grid; import or create the grid first</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>电话号码“%1”无效</source>
        <translation>Phone number &quot;%1&quot; is invalid</translation>
    </message>
    <message>
        <location line="+48"/>
        <location line="+53"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>名称过长（最多80字）</source>
        <translation>The name is too long (at most 80 characters)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>网格编码“%1”已存在</source>
        <translation>Grid code &quot;%1&quot; already exists</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>上级网格“%1”不存在（数据库和本文件中都没有）</source>
        <translation>Parent grid &quot;%1&quot; does not exist (neither in the database nor in this file)</translation>
    </message>
    <message>
        <location line="+52"/>
        <location line="+62"/>
        <source>人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>未知的部门“%1”：请先导入或新建部门</source>
        <translation>Unknown department &quot;%1&quot;: import or add the department first</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../console/setup/importers.py" line="+185"/>
        <source>部门“%1”已停用</source>
        <translation>Department &quot;%1&quot; is retired</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>登录名过长（最多64字）</source>
        <translation>Login name too long (at most 64 characters)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>姓名过长（最多40字）</source>
        <translation>The name is too long (at most 40 characters)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>结束日期早于开始日期</source>
        <translation>The end date is before the start date</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>登录名“%1”已属于其他人员</source>
        <translation>Login name &quot;%1&quot; already belongs to another person</translation>
    </message>
    <message>
        <location line="+52"/>
        <location line="+64"/>
        <source>案件</source>
        <translation>Case</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>网格“%1”（%2）已撤销，不能再上报案件</source>
        <translation>Grid &quot;%1&quot; (%2) has been dissolved: no more cases can be reported in it</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>网格“%1”不属于任何乡镇（一级网格）</source>
        <translation>Grid &quot;%1&quot; belongs to no township (level-1 grid)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>摘要过长（最多120字，现%1字）</source>
        <translation>The summary is too long (at most 120 characters, now %1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>地址过长（最多200字）</source>
        <translation>The address is too long (at most 200 characters)</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+2"/>
        <source>问题类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>未知的问题类别“%1”</source>
        <translation>Unknown category &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>问题类别“%1”已停用</source>
        <translation>Category &quot;%1&quot; is no longer in use</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>未知的导入类型“%1”：可选 grids、departments、categories、staff、cases</source>
        <translation>Unknown import kind &quot;%1&quot;: choose grids, departments, categories, staff or cases</translation>
    </message>
    <message>
        <location filename="../../console/setup/importers.py" line="-95"/>
        <source>时限“%1”无法识别，请写成“5个工作日”“4工作小时”“24小时”“3个自然日”</source>
        <extracomment>the label of each column in problems (its first Chinese header)</extracomment>
        <translation>Time limit &quot;%1&quot; not understood: write it as &quot;5个工作日&quot; (working days), &quot;4工作小时&quot; (working hours), &quot;24小时&quot; (round-the-clock hours) or &quot;3个自然日&quot; (calendar days)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>“%1”应为“是”或“否”</source>
        <translation>&quot;%1&quot; should be &quot;是&quot; (yes) or &quot;否&quot; (no)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>过长（最多%1字，现%2字）</source>
        <translation>Too long (at most %1 characters, now %2)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>“%1”与第%2行重复</source>
        <translation>&quot;%1&quot; repeats row %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>部门</source>
        <translation>Departments</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>部门代码“%1”已存在（%2）</source>
        <translation>Department code &quot;%1&quot; already exists (%2)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>部门名称“%1”已存在（代码 %2）</source>
        <translation>Department name &quot;%1&quot; already exists (code %2)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>事项清单</source>
        <translation>Item list</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>未知的部门“%1”：请先导入部门</source>
        <translation>Unknown department &quot;%1&quot;: import the departments first</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>类别代码“%1”已存在（%2）：修改请用 gridconsole category edit</source>
        <translation>Category code &quot;%1&quot; already exists (%2): change it with gridconsole category edit</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>类别名称“%1”已存在（代码 %2）</source>
        <translation>Category name &quot;%1&quot; already exists (code %2)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>缺少默认严重程度（%1）的办结时限</source>
        <translation>No handling time limit for the default severity (%1)</translation>
    </message>
</context>
<context>
    <name>ledger</name>
    <message>
        <location filename="../../console/ledger.py" line="+88"/>
        <source>未知的部门“%1”，可选：%2</source>
        <translation>Unknown department “%1”; choose from: %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>未知的重点领域/问题类别“%1”，重点领域：%2</source>
        <translation>Unknown key area / problem category “%1”; key areas: %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>无效的分组方式“%1”，可选：grid、department、key_area</source>
        <translation>Invalid grouping “%1”; choose grid, department or key_area</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>结束日期 %1 早于开始日期 %2</source>
        <translation>The end date %1 is before the start date %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>未知的网格编码：%1</source>
        <translation>Unknown grid code: %1</translation>
    </message>
    <message>
        <location line="+302"/>
        <source>请至少指定一个案件编号</source>
        <translation>Give at least one case number</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>案件 %1 不存在</source>
        <translation>Case %1 does not exist</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>无效的月份：%1-%2</source>
        <translation>Invalid month: %1-%2</translation>
    </message>
</context>
<context>
    <name>masking</name>
    <message>
        <location filename="../masking.py" line="+36"/>
        <source>显示完整号码</source>
        <extracomment>link scheme of &quot;显示完整号码&quot; in a QTextBrowser (`reveal:&lt;key&gt;`)</extracomment>
        <translation>Show the full number</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>无权查看完整号码</source>
        <translation>You may not see the full number</translation>
    </message>
</context>
<context>
    <name>meetings</name>
    <message>
        <location filename="../../console/meetings/decisions.py" line="+36"/>
        <source>决定事项</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>交办决定须指定牵头部门</source>
        <translation>A dispatch decision must name the lead department</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>延期审批决定须指明同意或不同意</source>
        <translation>An extension decision must say whether it is approved</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>督办决定须指定督办对象</source>
        <translation>A supervision decision must name whom it chases</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>督办级别须为%1之一</source>
        <translation>The supervision level must be one of %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>挂账决定须填写治理措施</source>
        <translation>A long-term decision must give the measures</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>挂账决定须填写复核日期</source>
        <translation>A long-term decision must give the review date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>结案决定须选择结案类型</source>
        <translation>A closing decision must choose the closing type</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>决定的办理期限不能早于今天</source>
        <translation>The decision&apos;s deadline cannot be before today</translation>
    </message>
    <message>
        <location filename="../../console/meetings/read.py" line="+136"/>
        <source>会商不存在或您无权查看（id=%1）</source>
        <translation>The meeting does not exist or you may not see it (id=%1)</translation>
    </message>
    <message>
        <location line="+205"/>
        <location line="+8"/>
        <source>会商不存在：%1</source>
        <translation>No such meeting: %1</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>无法识别的会商编号“%1”，请用 id 或 2026-48 / 〔2026〕第48期 的形式</source>
        <translation>Meeting number &quot;%1&quot; is not recognised: use the id or the form 2026-48 / 〔2026〕第48期</translation>
    </message>
    <message>
        <location filename="../../console/meetings/service.py" line="+83"/>
        <source>未指定操作人</source>
        <extracomment>statuses in which the agenda may still be edited statuses in which discussion, attendance and decisions are recorded</extracomment>
        <translation>No operator given</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>民情分析会须指定村（社区）网格编码</source>
        <translation>A residents&apos; analysis meeting needs a village (community) grid code</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>未知的网格编码：%1；会商未创建</source>
        <translation>Unknown grid code: %1; the meeting was not created</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>每周会商针对全街道（乡镇），%1 不是一级网格；会商未创建</source>
        <translation>A weekly meeting covers the whole street (township) and %1 is not a level-1 grid; the meeting was not created</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>民情分析会针对一个村（社区），%1 不是二级网格；会商未创建</source>
        <translation>A residents&apos; analysis meeting covers one village (community) and %1 is not a level-2 grid; the meeting was not created</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>会商 %1 为“%2”，不能再推进；纪要审定由主持人进行</source>
        <translation>Meeting %1 is &quot;%2&quot; and cannot move on; the chair approves the minutes</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>请填写参会人员姓名；出席情况未保存</source>
        <translation>Please enter the attendee&apos;s name; the attendance was not saved</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请填写 %1 缺席的原因；出席情况未保存</source>
        <translation>Please enter why %1 was absent; the attendance was not saved</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请填写代 %1 参会的人员；出席情况未保存</source>
        <translation>Please enter who attended in place of %1; the attendance was not saved</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>会商 %1 为“%2”，只有已召开的会商才能审定纪要</source>
        <translation>Meeting %1 is &quot;%2&quot;: only the minutes of a held meeting can be approved</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>补充说明</source>
        <translation>Addendum</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>会商 %1 纪要尚未审定：请直接修改纪要内容，无需补充说明</source>
        <translation>The minutes of meeting %1 are not approved yet: edit them directly, no addendum is needed</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>列入议程的理由</source>
        <translation>Reason for adding to the agenda</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>案件 %1 不在本次会商的范围（%2）内；议程未改变</source>
        <translation>Case %1 is outside this meeting&apos;s scope (%2); the agenda was not changed</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>案件 %1 已在议程第 %2 项；议程未改变</source>
        <translation>Case %1 is already item %2 of the agenda; the agenda was not changed</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>移出议程的理由</source>
        <translation>Reason for removal from the agenda</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>提请街道会商的理由</source>
        <translation>Reason for handing up to the street meeting</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>只有村（社区）民情分析会才能提请街道会商</source>
        <translation>Only a village (community) residents&apos; analysis meeting can hand items up to the street meeting</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>案件 %1 已于 %2 提请街道会商</source>
        <translation>Case %1 was handed up to the street meeting on %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>讨论情况</source>
        <translation>Discussion</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+144"/>
        <source>%1；决定未保存</source>
        <translation>%1; the decision was not saved</translation>
    </message>
    <message>
        <location line="-139"/>
        <source>会商 %1 为“%2”，议程发出后才能记录决定</source>
        <translation>Meeting %1 is &quot;%2&quot;: decisions can be recorded only after the agenda is sent</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>案件 %1 的决定已于 %2 执行，不能再修改</source>
        <translation>The decision on case %1 was applied on %2 and cannot be changed</translation>
    </message>
    <message>
        <location line="+29"/>
        <location line="+56"/>
        <source>会商决定不存在（id=%1）</source>
        <translation>The meeting decision does not exist (id=%1)</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>该决定已于 %1 执行</source>
        <translation>The decision was applied on %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>会商 %1 为“%2”，会议召开后才能执行决定</source>
        <translation>Meeting %1 is &quot;%2&quot;: decisions can be applied only after the meeting is held</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>办结说明</source>
        <translation>Completion note</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>该决定已于 %1 办结</source>
        <translation>The decision was completed on %1</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>会商不存在（id=%1）</source>
        <translation>The meeting does not exist (id=%1)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>案件 %1 不在会商 %2 的议程上</source>
        <translation>Case %1 is not on the agenda of meeting %2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>会商 %1 为“%2”，议程已不能修改</source>
        <translation>Meeting %1 is &quot;%2&quot;: its agenda can no longer be changed</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>会商 %1 的纪要已审定，不能修改；如需更正请添加补充说明</source>
        <translation>The minutes of meeting %1 are approved and cannot be changed; add an addendum to correct them</translation>
    </message>
</context>
<context>
    <name>phrases</name>
    <message>
        <location filename="../../console/phrases.py" line="+59"/>
        <source>未知的操作：%1</source>
        <translation>Unknown action: %1</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>常用语过长（最多 %1 字）：%2…</source>
        <translation>Common phrase too long (at most %1 characters): %2…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>常用语最多 %1 条，现 %2 条</source>
        <translation>At most %1 common phrases, now %2</translation>
    </message>
</context>
<context>
    <name>posts</name>
    <message>
        <location filename="../../console/security/posts.py" line="+151"/>
        <source>无岗位</source>
        <extracomment>case action → {post: scope}: the workflow actions&apos; rules live in their records (`console.workflow.actions`); these are the reads, the report and the prints administrative action → posts allowed (no case scope) the administrators who watch the 系统管理员 (三员分立): the 系统管理员 may not disable or enable them actions nobody may take, with the reason</extracomment>
        <translation>no post</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>案件 %1</source>
        <translation>Case %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>该案件</source>
        <translation>This case</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>（未指定部门）</source>
        <translation>(no department set)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1的牵头部门不是您所在的部门（%2），不能%3</source>
        <translation>%1 is not led by your department (%2): “%3” is not allowed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1不属于您所在部门（%2）办理，不能%3</source>
        <translation>%1 is not handled by your department (%2): “%3” is not allowed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（未指定网格）</source>
        <translation>(no grid set)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1不在您负责的网格（%2）范围内，不能%3</source>
        <translation>%1 is outside your grids (%2): “%3” is not allowed</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>您的岗位（%1）无权%2（限%3）</source>
        <translation>Your posts (%1) may not use “%2” (only %3)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>未登录或用户不存在</source>
        <translation>Not logged in, or the user does not exist</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>用户 %1 已停用</source>
        <translation>User %1 is disabled</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>请指定要%1的案件</source>
        <translation>Name the case for “%1”</translation>
    </message>
</context>
<context>
    <name>queue</name>
    <message>
        <location filename="../../console/queue/filters.py" line="+80"/>
        <source>“我关注的”需要当前用户的登录名</source>
        <extracomment>办理中 on the dashboard and in the quick filter quick-filter presets (快捷筛选) in the order the toolbar shows them</extracomment>
        <translation>“Watched by me” needs the current user&apos;s login</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>未知的快捷筛选“%1”，可选：%2</source>
        <translation>Unknown quick filter “%1”; choose from: %2</translation>
    </message>
    <message>
        <location filename="../../console/queue/pages.py" line="+111"/>
        <source>翻页游标与当前排序不一致，请从第一页重新查询</source>
        <translation>The page cursor does not match the current sort: start again from the first page</translation>
    </message>
    <message>
        <location line="+150"/>
        <source>每页行数必须大于 0</source>
        <extracomment>the columns a segment reads: id and the sort key, all in the segment&apos;s index (index-only on PostgreSQL) this many open statuses or more, sorted by deadline, are read as one range of the open cases&apos; deadline index (ix_case_open_due) and filtered there; fewer, one range per status at most this many grid codes in a subtree are walked as separate (grid_code, status, deadline) segments</extracomment>
        <translation>The page size must be above 0</translation>
    </message>
    <message>
        <location filename="../../console/queue/rows.py" line="+90"/>
        <source>无效的翻页游标“%1”</source>
        <translation>Invalid page cursor “%1”</translation>
    </message>
</context>
<context>
    <name>review</name>
    <message>
        <location filename="../../console/review/counting.py" line="+35"/>
        <source>统计口径“%1”无效：只能是 due（按到期日）或 report（按上报日）</source>
        <extracomment>the bottom-line categories whose first report is rewarded (首报激励) 延期/挂账: True — a case parked on the ledger or awaiting an extension decision leaves 应结案数; False — past its deadline it still counts as 超时未处置 满意率: how much a 基本满意 counts (1.0: as 满意)</extracomment>
        <translation>Counting basis &quot;%1&quot; is invalid: it can only be due (by due date) or report (by report date)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“基本满意”的折算系数须在 0 到 1 之间（现为 %1）</source>
        <translation>The weight of &quot;fairly satisfied&quot; must be between 0 and 1 (now %1)</translation>
    </message>
    <message>
        <location filename="../../console/review/freezing.py" line="+152"/>
        <source>只有月度结果需要计算和冻结；%1由已冻结的月份汇总而成</source>
        <extracomment>the parts of a union set (`UNIONS`) that are no set of their own</extracomment>
        <translation>Only monthly results are computed and frozen; %1 is summed up from the frozen months</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1尚未结束，不能计算正式结果（可随时查看实时数据）</source>
        <translation>%1 has not ended yet, so no official result can be computed (live figures can be viewed at any time)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1的考核结果%2，不能重新计算：可查看与实时数据的差异，或登记更正</source>
        <translation>The result for %1 %2 and cannot be recomputed: view the difference from the live figures, or record a correction</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>考核结果不存在（id=%1）</source>
        <translation>The review result does not exist (id=%1)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 的考核结果当前为“%2”，不能%3（仅限%4）</source>
        <translation>The result for %1 is &quot;%2&quot; now: cannot %3 (only when %4)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>公示</source>
        <translation>publish</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>申诉</source>
        <translation>appeal</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>未知的考核指标：%1</source>
        <translation>Unknown figure: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>考核对象“%1”不在 %2 的考核结果中</source>
        <translation>&quot;%1&quot; is not in the result for %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>申诉理由</source>
        <translation>Reason for the appeal</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>申诉不存在（id=%1）</source>
        <translation>The appeal does not exist (id=%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>该申诉已于 %1 裁定为“%2”</source>
        <translation>The appeal was decided on %1 as &quot;%2&quot;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>裁定意见</source>
        <translation>Ruling</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>申诉不成立时不能调整得分</source>
        <translation>The score cannot be adjusted when the appeal is rejected</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>审定</source>
        <translation>approve</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>还有 %1 件申诉未裁定，裁定后才能审定</source>
        <translation>%1 appeals are not decided yet: decide them before approving</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>冻结</source>
        <translation>freeze</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>登记更正</source>
        <translation>record a correction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>更正理由</source>
        <translation>Reason for the correction</translation>
    </message>
    <message>
        <location filename="../../console/review/periods.py" line="+103"/>
        <source>统计区间的结束日 %1 早于开始日 %2，请调换后重试</source>
        <translation>The end date %1 is before the start date %2: swap them and try again</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>无法识别统计周期“%1”：请写成 2026-10（月）、2026Q3（季）、2026（年）或 2026-10-01..2026-10-15（自定义）</source>
        <translation>Period &quot;%1&quot; is not recognised: write 2026-10 (month), 2026Q3 (quarter), 2026 (year) or 2026-10-01..2026-10-15 (custom)</translation>
    </message>
    <message>
        <location filename="../../console/review/results.py" line="+39"/>
        <source>计算（草稿）</source>
        <translation>computed (draft)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>公示中</source>
        <translation>published for appeal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已审定</source>
        <translation>approved</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已冻结</source>
        <translation>frozen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>汇总已冻结的月度结果</source>
        <translation>aggregated from frozen months</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>%1的考核汇总已冻结的月度结果，但%2尚未冻结：请先审定冻结这些月份</source>
        <translation>The result for %1 sums up the frozen monthly results, but %2 are not frozen yet: approve and freeze those months first</translation>
    </message>
    <message>
        <location filename="../../console/review/rulesets.py" line="+267"/>
        <source>考核细则第 %1 版不存在</source>
        <extracomment>which scheme scores which scope kind (a handler is scored like a department, a grid worker like a grid) anti-gaming monitor → the share above which a group is flagged (`console.review.monitors`) the highest composite score (百分制: 100); None in rule sets stored before it existed, whose frozen results keep the totals they were frozen with (`console.review.scoring`) 立案数 bands for departments (the shipped default): a department that takes on more work scores higher</extracomment>
        <translation>Version %1 of the review rules does not exist</translation>
    </message>
    <message>
        <location filename="../../console/review/scopes.py" line="+55"/>
        <source>考核对象类型“%1”无效：只能是网格、职能部门、办理人或网格员</source>
        <extracomment>how many leading digits of a grid code name a grid of each level (the rest is `000` padding)</extracomment>
        <translation>Review subject type &quot;%1&quot; is invalid: it can only be grid, department, handler or grid worker</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>网格层级须为 1、2 或 3（现为 %1）</source>
        <translation>The grid level must be 1, 2 or 3 (now %1)</translation>
    </message>
    <message>
        <location line="+105"/>
        <source>未知的网格编码：%1</source>
        <translation>Unknown grid code: %1</translation>
    </message>
    <message>
        <location filename="../../console/review/spotcheck.py" line="+46"/>
        <source>请指定抽查数量或抽查比例（二者选一）</source>
        <translation>Give either the number of cases to check or the share (one of the two)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>抽查数量须至少为 1</source>
        <translation>The number of cases to check must be at least 1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>抽查比例须在 0 到 100% 之间</source>
        <translation>The share to check must be between 0 and 100%</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1没有符合条件的已结案件，未抽取任何案件：请放宽网格、部门或类别条件</source>
        <translation>%1 has no closed cases that match, so no case was drawn: widen the grid, department or category conditions</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>抽查结果“%1”无效：可选 确认已解决、未解决、群众不认可</source>
        <translation>Spot-check outcome &quot;%1&quot; is invalid: choose confirmed solved, not solved or residents disagree</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>抽查情况说明</source>
        <translation>Spot-check note</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>抽查记录不存在（id=%1）</source>
        <translation>The spot-check record does not exist (id=%1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>该案件的抽查结果已于 %1 记录为“%2”</source>
        <translation>This case&apos;s spot-check outcome was recorded on %1 as &quot;%2&quot;</translation>
    </message>
</context>
<context>
    <name>rezoning</name>
    <message>
        <location filename="../../console/rezoning.py" line="+99"/>
        <source>还有%1件未办结案件没有去向（%2），网格未作改动：请按地址规则或逐件指定移入的网格</source>
        <translation>%1 open cases still have no place (%2); the grids were not changed: place them by an address rule or by hand</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>网格“%1”正在撤销，不能作为案件去向</source>
        <translation>Grid “%1” is being retired and cannot take cases</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>去向网格“%1”不存在或已撤销：案件只能移入新网格或在用的网格</source>
        <translation>Grid “%1” does not exist or is retired: cases can only move to a new grid or a grid in use</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>案件 %1 不是%2的未办结案件，不能在此指定去向</source>
        <translation>Case %1 is not an open case of %2; it cannot be placed here</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>去向网格“%1”的地址规则没有关键词</source>
        <translation>The address rule for grid “%1” has no keywords</translation>
    </message>
    <message>
        <location line="+21"/>
        <location filename="../dialogs/rezoning.py" line="-344"/>
        <source>人工指定</source>
        <translation>By hand</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>地址含“%1”</source>
        <translation>Address contains “%1”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>地址同时符合%1的规则，请人工指定</source>
        <translation>Address fits the rules of %1; place it by hand</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>其余案件</source>
        <translation>All other cases</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>案件无地址，请人工指定</source>
        <translation>No address; place it by hand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>地址不符合任何规则，请人工指定</source>
        <translation>Address fits no rule; place it by hand</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>网格“%1”（%2）仍在使用：请用拆分、合并或撤销调整它</source>
        <translation>Grid “%1” (%2) is still in use: split, merge or retire it instead</translation>
    </message>
</context>
<context>
    <name>setup</name>
    <message>
        <location filename="../../console/cli/setup_cmd.py" line="+104"/>
        <source>本数据库还没有乡镇：请先运行 gridconsole township create --name 名称 --code 编码</source>
        <translation>This database has no township yet: first run gridconsole township create --name NAME --code CODE</translation>
    </message>
    <message>
        <location line="+126"/>
        <source>时限“%1”格式无效，应为 名称=时限，如 一般=5个工作日</source>
        <translation>Time limit &quot;%1&quot; is malformed: write NAME=LIMIT, e.g. 一般=5个工作日</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>类别“%1”今天尚未生效，无法在其基础上修改</source>
        <translation>Category &quot;%1&quot; is not in force today, so it cannot be edited from its current version</translation>
    </message>
    <message>
        <location filename="../../console/setup/common.py" line="+41"/>
        <source>电话号码“%1”无效：应为7-20位数字（固定电话可带区号和“-”）</source>
        <translation>Phone number &quot;%1&quot; is invalid: use 7-20 digits (a landline may have an area code and &quot;-&quot;)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1不能为空</source>
        <translation>%1 must not be empty</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1过长（最多%2字，现%3字）</source>
        <translation>%1 is too long (at most %2 characters, now %3)</translation>
    </message>
    <message>
        <location filename="../../console/setup/departments.py" line="+61"/>
        <source>部门“%1”不存在：请用部门代码或名称（gridconsole dept list 可查）</source>
        <translation>Department &quot;%1&quot; does not exist: use a department code or name (see gridconsole dept list)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>部门代码</source>
        <translation>Department code</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+36"/>
        <source>部门名称</source>
        <translation>Department name</translation>
    </message>
    <message>
        <location line="-35"/>
        <location line="+41"/>
        <source>部门简称</source>
        <translation>Department short name</translation>
    </message>
    <message>
        <location line="-40"/>
        <location line="+43"/>
        <source>负责人</source>
        <translation>Head</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>部门代码“%1”已被“%2”使用，未保存：请换一个代码</source>
        <translation>Department code &quot;%1&quot; is already used by &quot;%2&quot;; nothing saved: choose another code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>部门名称“%1”已被代码为“%2”的部门使用，未保存：请换一个名称</source>
        <translation>Department name &quot;%1&quot; is already used by the department with code &quot;%2&quot;; nothing saved: choose another name</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>部门“%1”已停用，无需再停用</source>
        <translation>Department &quot;%1&quot; is already retired</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>部门“%1”未停用：事项清单中有 %2 个类别以它为牵头或配合部门，另有 %3 件未结案件由它牵头；请先修改这些类别、改派这些案件</source>
        <translation>Department &quot;%1&quot; was not retired: %2 categories of the item list name it as lead department or co-department and it leads %3 open cases; change those categories and reassign those cases first</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>部门“%1”在用，无需恢复</source>
        <translation>Department &quot;%1&quot; is in use; nothing to restore</translation>
    </message>
    <message>
        <location filename="../../console/setup/item_list.py" line="+144"/>
        <source>问题类别“%1”不存在：请用类别代码或名称（gridconsole category list 可查）</source>
        <extracomment>the day a category&apos;s first snapshot counts from, when it existed before the item list was dated the stages with their own limit beside 处置 (whose limit is per severity)</extracomment>
        <translation>Category &quot;%1&quot; does not exist: use a category code or name (see gridconsole category list)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1“%2”已停用，不能作为类别的默认部门</source>
        <translation>%1 &quot;%2&quot; is retired and cannot be a category&apos;s default department</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>类别代码</source>
        <translation>Category code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>类别名称</source>
        <translation>Category name</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>类别名称“%1”已被类别“%2”使用，未保存：请换一个名称</source>
        <translation>Category name &quot;%1&quot; is already used by category &quot;%2&quot;; nothing saved: choose another name</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>请填写类别“%1”默认严重程度（%2）的办结时限</source>
        <translation>Enter the handling time limit of category &quot;%1&quot; for its default severity (%2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>处置阶段的时限按严重程度填写（简单/一般/复杂），不在阶段时限中</source>
        <translation>The handling stage&apos;s limit is set per severity (simple/general/complex), not among the stage limits</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>牵头部门</source>
        <translation>Lead department</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请为类别“%1”指定默认牵头部门</source>
        <translation>Choose the default lead department of category &quot;%1&quot;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>配合部门</source>
        <translation>Co-department</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>类别代码“%1”已存在（%2）</source>
        <translation>Category code &quot;%1&quot; already exists (%2)</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>类别代码不能修改（“%1”），未保存：需要新代码请新建类别并停用原类别</source>
        <translation>A category code cannot change (&quot;%1&quot;); nothing saved: for a new code add a new category and retire this one</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>生效日期 %1 早于今天，未保存：已生效的事项清单不能追溯修改，请填今天或以后的日期</source>
        <translation>Effective date %1 is before today; nothing saved: an item list in force cannot be changed retroactively, choose today or a later date</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>问题类别“%1”已停用，无需再停用</source>
        <translation>Category &quot;%1&quot; is already retired</translation>
    </message>
    <message>
        <location filename="../../console/setup/staff.py" line="+109"/>
        <source>人员编号 %1 不存在（gridconsole staff list 可查）</source>
        <translation>Person number %1 does not exist (see gridconsole staff list)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>部门“%1”已停用，不能再安排人员</source>
        <translation>Department &quot;%1&quot; is retired; no one can be placed in it</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>登录名</source>
        <translation>Login name</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>登录名“%1”已属于人员“%2”（编号 %3），未保存</source>
        <translation>Login name &quot;%1&quot; already belongs to &quot;%2&quot; (number %3); nothing saved</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+28"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>人员“%1”已离岗，无需再办理</source>
        <translation>&quot;%1&quot; has already left</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>网格编码“%1”不存在</source>
        <translation>Grid code &quot;%1&quot; does not exist</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>岗位“%1”无效：%2</source>
        <translation>Post &quot;%1&quot; is invalid: %2</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>人员“%1”已离岗，不能安排网格岗位</source>
        <translation>&quot;%1&quot; has left and cannot take a grid post</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>网格“%1”（%2）已撤销，不能安排岗位</source>
        <translation>Grid &quot;%1&quot; (%2) is retired; no post can be assigned in it</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1已是网格“%2”的%3（自 %4 起），未重复安排</source>
        <translation>%1 is already %3 of grid &quot;%2&quot; (since %4); not assigned twice</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1目前不是网格“%2”的%3，无岗位可结束</source>
        <translation>%1 is not currently %3 of grid &quot;%2&quot;; there is no post to end</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>结束日期 %1 早于任职日期 %2，未保存</source>
        <translation>End date %1 is before the start date %2; nothing saved</translation>
    </message>
    <message>
        <location filename="../../console/setup/templates.py" line="+36"/>
        <source>没有“%1”的模板：可选 %2</source>
        <extracomment>kind → (the import&apos;s headers, one example row by field)</extracomment>
        <translation>No template for &quot;%1&quot;: choose %2</translation>
    </message>
    <message>
        <location filename="../../console/setup/township.py" line="+27"/>
        <source>本数据库已有乡镇“%1”（%2），未新建：一个数据库只管理一个乡镇</source>
        <translation>This database already has township &quot;%1&quot; (%2); nothing created: one database manages one township</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>编码“%1”不是乡镇级编码：乡镇编码的末6位应为000000，如 410102006000000</source>
        <translation>Code &quot;%1&quot; is not a township code: a township code ends in 000000, e.g. 410102006000000</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>新建乡镇</source>
        <translation>Township created</translation>
    </message>
</context>
<context>
    <name>timefmt</name>
    <message>
        <location filename="../timefmt.py" line="+30"/>
        <source>计时暂停</source>
        <translation>Clock paused</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>%1分</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>剩 %1</source>
        <translation>%1 left</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>超期 %1</source>
        <translation>%1 overdue</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>%1天%2小时</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1小时%2分</source>
        <translation>%1 h %2 min</translation>
    </message>
</context>
<context>
    <name>users</name>
    <message>
        <location filename="../../console/security/passwords.py" line="+26"/>
        <source>小写字母</source>
        <translation>lower-case letters</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>大写字母</source>
        <translation>upper-case letters</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数字</source>
        <translation>digits</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>特殊字符</source>
        <translation>special characters</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>长度至少 %1 位</source>
        <translation>at least %1 characters long</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>须包含%1中的至少 %2 类</source>
        <translation>at least %2 of: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>不能包含用户名</source>
        <translation>must not contain the user name</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>密码不符合要求：%1</source>
        <translation>The password does not meet the rules: %1</translation>
    </message>
    <message>
        <location filename="../../console/security/users.py" line="+96"/>
        <source>用户不存在：%1</source>
        <translation>No such user: %1</translation>
    </message>
    <message>
        <location line="+70"/>
        <location line="+233"/>
        <source>请填写姓名</source>
        <translation>Fill in the name</translation>
    </message>
    <message>
        <location line="-231"/>
        <source>登录名 %1 已存在</source>
        <translation>Login %1 exists already</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>不能停用自己的账号</source>
        <translation>You cannot disable your own account</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>部门办理人须指定所在部门</source>
        <translation>A department handler needs their department</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>未知的部门：%1</source>
        <translation>Unknown department: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1岗位不按部门授予</source>
        <translation>The %1 post is not granted per department</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>网格长/网格员须指定负责的网格（编码）</source>
        <translation>A grid leader / grid worker needs the grid (code) they are responsible for</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>未知的网格编码：%1</source>
        <translation>Unknown grid code: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1岗位不按网格授予</source>
        <translation>The %1 post is not granted per grid</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+194"/>
        <source>不能给自己授予岗位（须由另一位安全管理员办理）</source>
        <translation>You cannot grant yourself posts (another security administrator must)</translation>
    </message>
    <message>
        <location line="-159"/>
        <location line="+183"/>
        <source>不能撤销自己的岗位（须由另一位安全管理员办理）</source>
        <translation>You cannot revoke your own posts (another security administrator must)</translation>
    </message>
    <message>
        <location line="-172"/>
        <source>用户 %1 没有该岗位：%2</source>
        <translation>User %1 does not hold this post: %2</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+180"/>
        <source>请用“修改密码”修改自己的密码</source>
        <translation>Change your own password with “Change password”</translation>
    </message>
    <message>
        <location line="-155"/>
        <source>已有用户，不能再次初始化；请由系统管理员新建用户</source>
        <translation>Users exist already: setup cannot run again; the system administrator creates new users</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>系统管理员、安全管理员、审计管理员须由三个不同的账号担任（三员分立）</source>
        <translation>The system, security and audit administrators must be three different accounts (separation of duties)</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>不能停用或启用自己的账号</source>
        <translation>You cannot disable or enable your own account</translation>
    </message>
    <message>
        <location line="+103"/>
        <location line="+122"/>
        <source>新密码不能与最近 %1 次使用过的密码相同</source>
        <translation>The new password cannot be one of the last %1 used</translation>
    </message>
</context>
<context>
    <name>workflow</name>
    <message>
        <location filename="../../console/workflow/claims.py" line="+25"/>
        <source>只能释放自己的认领</source>
        <extracomment>actions a claim never blocks: attaching a photo is no decision, and claim/release are the claim itself; moving a case with its grid (re-zoning) decides nothing the claimer is deciding, and one claim must not hold up the map</extracomment>
        <translation>You can only release your own claim</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>案件已被 %1 认领（至 %2），请联系对方或待认领失效后再操作</source>
        <translation>The case is claimed by %1 (until %2): ask them, or wait until the claim lapses</translation>
    </message>
    <message>
        <location filename="../../console/workflow/commands.py" line="+33"/>
        <source>请填写%1</source>
        <translation>Fill in: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1过长（最多 %2 字，现 %3 字）</source>
        <translation>Too long: %1 (at most %2 characters, now %3)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>受理意见</source>
        <translation>Intake note</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>不予受理理由</source>
        <translation>Reason for rejection</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>请指定要合并到的案件编号</source>
        <translation>Give the number of the case to merge into</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>合并说明</source>
        <translation>Merge note</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>办结时限不能早于当前时间</source>
        <translation>The deadline cannot be in the past</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>调整时限的理由</source>
        <translation>Reason for changing the deadline</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>交办要求</source>
        <translation>Instructions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>派遣说明</source>
        <translation>Dispatch note</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>签收说明</source>
        <translation>Acknowledgement note</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>进展情况</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>办理结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>反馈说明</source>
        <translation>Result note</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>退回理由</source>
        <translation>Reason for return</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>请选择核查结果：通过或不通过</source>
        <translation>Choose a verification result: pass or fail</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>核查意见</source>
        <translation>Verification note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>核查不通过的原因</source>
        <translation>Reason the verification failed</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+117"/>
        <source>返工时限不能早于当前时间</source>
        <translation>The rework deadline cannot be in the past</translation>
    </message>
    <message>
        <location line="-101"/>
        <source>请选择结案类型：已解决、无法解决、反映不实或重复件</source>
        <translation>Choose a close type: solved, unsolvable, unfounded or duplicate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>结案说明</source>
        <translation>Closing note</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>请选择群众满意度：满意、基本满意或不满意</source>
        <translation>Choose the resident&apos;s satisfaction: satisfied, mostly satisfied or dissatisfied</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>回访意见</source>
        <translation>Callback comment</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>延期理由</source>
        <translation>Reason for extension</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请填写申请延期至的时间</source>
        <translation>Give the time the extension is requested until</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>延期后的时限须晚于当前时限 %1</source>
        <translation>The extended deadline must be later than the current one, %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>请选择同意或不同意延期</source>
        <translation>Choose whether to approve or deny the extension</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>审批意见</source>
        <translation>Decision note</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>上报县级说明</source>
        <translation>Escalation note</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>县级答复</source>
        <translation>County&apos;s answer</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>治理措施</source>
        <translation>Measures</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请填写下次复核日期</source>
        <translation>Give the date of the next review</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>下次复核日期不能早于今天</source>
        <translation>The next review cannot be before today</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>挂账说明</source>
        <translation>Ledger note</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>恢复办理说明</source>
        <translation>Resumption note</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>重新办理的原因</source>
        <translation>Reason for reopening</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>督办对象</source>
        <translation>Notice addressed to</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>督办内容</source>
        <translation>Supervision notice text</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>提请会商的理由</source>
        <translation>Reason for proposing a meeting</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>请指定移入的网格</source>
        <translation>Choose the grid the case moves to</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>移交原因</source>
        <translation>reason for the move</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>退回网格的要求</source>
        <translation>what the grid is to do</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>附件“%1”是空文件</source>
        <translation>Attachment “%1” is an empty file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>附件说明</source>
        <translation>Attachment note</translation>
    </message>
    <message>
        <location filename="../../console/workflow/machine.py" line="+39"/>
        <source>未知的操作：%1</source>
        <extracomment>action → its transition, read from the action records (`console.workflow.actions`)</extracomment>
        <translation>Unknown action: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>案件当前为“%1”，不能%2（仅限%3状态）</source>
        <translation>The case is “%1”: it cannot be given “%2” (only from %3)</translation>
    </message>
    <message>
        <location filename="../../console/workflow/read.py" line="+92"/>
        <source>附件不存在（id=%1）</source>
        <translation>No such attachment (id=%1)</translation>
    </message>
    <message>
        <location filename="../../console/workflow/service.py" line="+155"/>
        <source>未指定操作人</source>
        <translation>No acting user given</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>问题摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>自巡自办案件须填写已采取的处置措施</source>
        <translation>A self-handled case needs the action already taken</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>上报时间不能晚于当前时间</source>
        <translation>The report time cannot be in the future</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+601"/>
        <source>未知的网格编码：%1</source>
        <translation>Unknown grid code: %1</translation>
    </message>
    <message>
        <location line="-599"/>
        <source>网格 %1（%2）已撤销，不能再上报案件</source>
        <translation>Grid %1 (%2) is deactivated: no more cases can be reported in it</translation>
    </message>
    <message>
        <location line="+24"/>
        <location line="+11"/>
        <source>操作“%1”须通过专门的接口执行</source>
        <translation>“%1” is done through its own command</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+70"/>
        <source>案件不存在（id=%1）</source>
        <translation>No such case (id=%1)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>数据库正忙（其他席位正在写入），请稍后重试</source>
        <translation>The database is busy (another seat is writing): try again shortly</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>未知的问题类别：%1</source>
        <translation>Unknown problem category: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>问题类别“%1”已停用</source>
        <translation>Problem category “%1” is no longer in use</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>案件 %1 为“%2”，尚未结案：新报告请合并到该案件，而不是作为复发件</source>
        <translation>Case %1 is “%2”, not yet closed: merge the new report into it instead of filing a recurrence</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>案件不存在：%1</source>
        <translation>No such case: %1</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>不能把案件合并到它自己</source>
        <translation>A case cannot be merged into itself</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>目标案件 %1 为“%2”，不能作为合并目标</source>
        <translation>Case %1 is “%2” and cannot be merged into</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>目标案件 %1 已%2，不能合并：问题再次出现时，请将该案件“重新办理”（返工），或把新报告作为复发件另行立案并关联 %1</source>
        <translation>Case %1 is already “%2” and cannot be merged into: when the problem is back, reopen that case (rework), or file the new report as a recurrence linked to %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>请选择牵头部门</source>
        <translation>Choose the lead department</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>牵头部门不存在或已停用</source>
        <translation>The lead department does not exist or is no longer in use</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>配合部门不存在或已停用（id=%1）</source>
        <translation>A co-department does not exist or is no longer in use (id=%1)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>责任人不存在或已停用</source>
        <translation>The responsible person does not exist or is no longer active</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>按事项清单，办结时限为 %1；修改时限须填写理由</source>
        <translation>By the item list the deadline is %1; changing it needs a reason</translation>
    </message>
    <message>
        <location line="+226"/>
        <source>案件 %1 已提请会商，尚待列入议程；未重复提请</source>
        <translation>Case %1 is already proposed for a meeting and waits for an agenda; not proposed again</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>网格 %1（%2）已撤销，不能移入案件</source>
        <translation>Grid %1 (%2) is retired; no case can move to it</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>案件 %1 已在网格 %2（%3），未移交</source>
        <translation>Case %1 is already in grid %2 (%3); not moved</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>附件“%1”大小 %2 MB，超过上限 %3 MB，请压缩后再上传</source>
        <translation>Attachment “%1” is %2 MB, over the %3 MB limit: compress it and upload again</translation>
    </message>
</context>
</TS>
