<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Actions</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Case</source>
        <translation>案件(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;New dossier…</source>
        <translation>新建档案库(&amp;N)…</translation>
    </message>
    <message>
        <source>Create a new encrypted store</source>
        <translation>新建一个加密档案库</translation>
    </message>
    <message>
        <source>&amp;Open dossier…</source>
        <translation>打开档案库(&amp;O)…</translation>
    </message>
    <message>
        <source>Open an existing store</source>
        <translation>打开已有的档案库</translation>
    </message>
    <message>
        <source>&amp;Close dossier</source>
        <translation>关闭档案库(&amp;C)</translation>
    </message>
    <message>
        <source>Lock the store and go back to the start screen</source>
        <translation>锁定档案库并返回起始页</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>锁定(&amp;L)</translation>
    </message>
    <message>
        <source>Hide everything and close the store now (panic key)</source>
        <translation>立即隐藏全部内容并关闭档案库（紧急键）</translation>
    </message>
    <message>
        <source>&amp;Back up…</source>
        <translation>备份(&amp;B)…</translation>
    </message>
    <message>
        <source>Write an encrypted copy of the store (it opens with the same passphrase)</source>
        <translation>写出档案库的加密副本（用同一口令打开）</translation>
    </message>
    <message>
        <source>Back up &amp;key file…</source>
        <translation>备份密钥文件(&amp;K)…</translation>
    </message>
    <message>
        <source>A copy of the store's key file: without it the store cannot be opened</source>
        <translation>档案库密钥文件的副本：没有它就无法打开档案库</translation>
    </message>
    <message>
        <source>&amp;Restore key file…</source>
        <translation>恢复密钥文件(&amp;R)…</translation>
    </message>
    <message>
        <source>Put back a lost or damaged key file from its backup copy</source>
        <translation>用备份副本恢复丢失或损坏的密钥文件</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>校验(&amp;V)</translation>
    </message>
    <message>
        <source>Check every page, attachment and the search index</source>
        <translation>检查每一页、每个附件和搜索索引</translation>
    </message>
    <message>
        <source>Change &amp;passphrase…</source>
        <translation>更改口令(&amp;P)…</translation>
    </message>
    <message>
        <source>Choose a new passphrase for this store</source>
        <translation>为此档案库设定新口令</translation>
    </message>
    <message>
        <source>Export &amp;JSON…</source>
        <translation>导出 JSON(&amp;J)…</translation>
    </message>
    <message>
        <source>All cases in the interchange format — an unencrypted file</source>
        <translation>以交换格式导出全部案件——未加密的文件</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Copy &amp;name</source>
        <translation>复制姓名(&amp;N)</translation>
    </message>
    <message>
        <source>Copy the case's name; the clipboard is cleared after a while</source>
        <translation>复制当事人姓名；剪贴板稍后会自动清空</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>Search the cases</source>
        <translation>搜索案件</translation>
    </message>
    <message>
        <source>&amp;New case…</source>
        <translation>新建案件(&amp;N)…</translation>
    </message>
    <message>
        <source>Add a case</source>
        <translation>添加案件</translation>
    </message>
    <message>
        <source>Add &amp;event…</source>
        <translation>添加事件(&amp;E)…</translation>
    </message>
    <message>
        <source>Add an event to the selected case</source>
        <translation>为所选案件添加事件</translation>
    </message>
    <message>
        <source>&amp;Draft from statement…</source>
        <translation>从声明起草(&amp;D)…</translation>
    </message>
    <message>
        <source>Draft cases and events from a pasted statement, for review</source>
        <translation>从粘贴的声明中起草案例和事件，供审阅</translation>
    </message>
    <message>
        <source>&amp;Delete case…</source>
        <translation>删除案件(&amp;D)…</translation>
    </message>
    <message>
        <source>Delete the selected case (undoable)</source>
        <translation>删除所选案件（可撤销）</translation>
    </message>
    <message>
        <source>Find d&amp;uplicates…</source>
        <translation>查找重复案例(&amp;U)…</translation>
    </message>
    <message>
        <source>Cases that look like one person entered twice (by pinyin)</source>
        <translation>看似同一人被录入两次的案例(按拼音比对)</translation>
    </message>
    <message>
        <source>&amp;Merge cases…</source>
        <translation>合并案例(&amp;M)…</translation>
    </message>
    <message>
        <source>Fold another case into the selected one: names, events and sources united (undoable)</source>
        <translation>将另一案例并入所选案例:姓名、事件和来源合并(可撤销)</translation>
    </message>
    <message>
        <source>&amp;UN communication draft…</source>
        <translation>联合国来文草稿(&amp;U)…</translation>
    </message>
    <message>
        <source>Draft a WGEID, WGAD or urgent-appeal communication for the selected case</source>
        <translation>为所选案例起草提交强迫失踪问题工作组、任意拘留问题工作组或紧急呼吁的来文</translation>
    </message>
    <message>
        <source>Show the selected case</source>
        <translation>显示所选案件</translation>
    </message>
    <message>
        <source>&amp;Overview</source>
        <translation>总览(&amp;O)</translation>
    </message>
    <message>
        <source>All cases on one timeline, with counts by status</source>
        <translation>所有案件显示在同一时间轴上，并按状态计数</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Export &amp;briefing…</source>
        <translation>导出简报(&amp;B)…</translation>
    </message>
    <message>
        <source>Print a briefing packet (PDF) for the selected cases</source>
        <translation>为所选案件生成简报（PDF）</translation>
    </message>
    <message>
        <source>&amp;Share…</source>
        <translation>共享(&amp;S)…</translation>
    </message>
    <message>
        <source>Write an encrypted, signed share file for colleagues</source>
        <translation>为同事生成加密并签名的共享文件</translation>
    </message>
    <message>
        <source>&amp;Import share file…</source>
        <translation>导入共享文件(&amp;I)…</translation>
    </message>
    <message>
        <source>Merge a share file from a colleague</source>
        <translation>合并同事发来的共享文件</translation>
    </message>
    <message>
        <source>Import &amp;spreadsheet…</source>
        <translation>导入表格(&amp;S)…</translation>
    </message>
    <message>
        <source>Import cases from a .csv, .xlsx or .json file</source>
        <translation>从 .csv、.xlsx 或 .json 文件导入案件</translation>
    </message>
    <message>
        <source>&amp;Contacts…</source>
        <translation>联系人(&amp;C)…</translation>
    </message>
    <message>
        <source>Colleagues you share with, and your own keys</source>
        <translation>与您共享资料的同事，以及您自己的密钥</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>Language, auto-lock and clipboard</source>
        <translation>语言、自动锁定和剪贴板</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>A searchable list of every shortcut</source>
        <translation>可搜索的全部快捷键列表</translation>
    </message>
    <message>
        <source>&amp;About Dossier</source>
        <translation>关于 Dossier(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
</context>
<context>
    <name>AddContactDialog</name>
    <message>
        <source>Add a colleague</source>
        <translation>添加同事</translation>
    </message>
    <message>
        <source>Paste their recipient: and signing-key: lines here</source>
        <translation>在此粘贴对方的 recipient: 和 signing-key: 两行</translation>
    </message>
    <message>
        <source>I compared the fingerprint with them in person or by phone</source>
        <translation>我已当面或通过电话与对方核对过指纹</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>名片</translation>
    </message>
    <message>
        <source>Recipient (age1…)</source>
        <translation>接收方（age1…）</translation>
    </message>
    <message>
        <source>Signing key (ed25519:…)</source>
        <translation>签名密钥（ed25519:…）</translation>
    </message>
</context>
<context>
    <name>AlertStrip</name>
    <message>
        <source>Alerts</source>
        <translation>警示</translation>
    </message>
</context>
<context>
    <name>AskDialog</name>
    <message>
        <source>Add ask</source>
        <translation>添加诉求</translation>
    </message>
    <message>
        <source>e.g. Disclose his whereabouts and allow his family to meet him.</source>
        <translation>例如：公布其下落并允许家属会见。</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>诉求</translation>
    </message>
    <message>
        <source>e.g. PRC authorities, UN member states</source>
        <translation>例如：中国当局、联合国会员国</translation>
    </message>
    <message>
        <source>&amp;Ask:</source>
        <translation>诉求(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Of whom:</source>
        <translation>对象(&amp;O)：</translation>
    </message>
    <message>
        <source>Sensiti&amp;vity:</source>
        <translation>敏感级别(&amp;V)：</translation>
    </message>
</context>
<context>
    <name>AsksModel</name>
    <message>
        <source>Ask</source>
        <translation>诉求</translation>
    </message>
    <message>
        <source>Of whom</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>敏感级别</translation>
    </message>
</context>
<context>
    <name>AttachmentsModel</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
</context>
<context>
    <name>BackupPage</name>
    <message>
        <source>A backup of the key</source>
        <translation>备份密钥</translation>
    </message>
    <message>
        <source>&amp;Save a backup copy…</source>
        <translation>保存备份副本(&amp;S)…</translation>
    </message>
    <message>
        <source>A USB stick or another disk is best: not the folder of the dossier</source>
        <translation>最好存到 U 盘或另一块磁盘上，不要放在档案库所在的文件夹</translation>
    </message>
    <message>
        <source>S&amp;kip</source>
        <translation>跳过(&amp;K)</translation>
    </message>
    <message>
        <source>The small file %1 beside the dossier holds its key, locked by your passphrase: if that file is lost or damaged, the dossier cannot be opened, even with the passphrase. A copy is useless without the passphrase, so it is safe to keep one elsewhere — on a USB stick, say.</source>
        <translation>档案库旁边的小文件 %1 保存着它的密钥，由您的口令锁定：该文件一旦丢失或损坏，即使有口令也无法打开档案库。没有口令，这份副本毫无用处，因此可以放心地在别处（例如 U 盘上）保存一份。</translation>
    </message>
    <message>
        <source>Save a backup copy of the key</source>
        <translation>保存密钥的备份副本</translation>
    </message>
    <message>
        <source>Saved a copy to %1.</source>
        <translation>已将副本保存到 %1。</translation>
    </message>
    <message>
        <source>&amp;Save another copy…</source>
        <translation>再保存一份副本(&amp;S)…</translation>
    </message>
</context>
<context>
    <name>BriefingDialog</name>
    <message>
        <source>Export briefing</source>
        <translation>导出简报</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>The PDF is an unencrypted file: anyone who gets it can read it. Keep it on an encrypted disk and send it only through an encrypted channel.</source>
        <translation>PDF 是未加密的文件：任何拿到它的人都能阅读。请存放在加密磁盘上，并只通过加密渠道发送。</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message numerus="yes">
        <source>The selected cases (%n)</source>
        <translation>
            <numerusform>所选案件（%n 个）</numerusform>
        </translation>
    </message>
    <message>
        <source>Cases with the tag</source>
        <translation>带有该标签的案件</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>所有案件</translation>
    </message>
    <message>
        <source>Optional: printed on the cover; separate several with ;</source>
        <translation>可选：印在封面上；多个机构以 ; 分隔</translation>
    </message>
    <message>
        <source>One ask per line, printed on the cover</source>
        <translation>每行一项呼吁，印在封面上</translation>
    </message>
    <message>
        <source>Days in custody and alerts are counted up to this day</source>
        <translation>羁押天数和警示计算到这一天</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>受众</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>发布方</translation>
    </message>
    <message>
        <source>Key asks</source>
        <translation>主要呼吁</translation>
    </message>
    <message>
        <source>Facts as of</source>
        <translation>事实截至</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop building the packet</source>
        <translation>停止生成简报</translation>
    </message>
    <message>
        <source>Public records only — for publication or an open meeting.</source>
        <translation>仅公开记录——用于发布或公开会议。</translation>
    </message>
    <message>
        <source>Public and restricted records; confidential records are left out and protected sources appear only as “confidential source”.</source>
        <translation>公开和限制级记录；机密记录不包括在内，受保护的来源只显示为“保密来源”。</translation>
    </message>
    <message>
        <source>Everything, including confidential records and the names of protected sources — for your own organisation only.</source>
        <translation>全部内容，包括机密记录和受保护来源的名称——仅供本机构内部使用。</translation>
    </message>
    <message numerus="yes">
        <source>All cases (%n)</source>
        <translation>
            <numerusform>全部案件（%n 个）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>另有 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>The options have changed: press Preview to see the packet as it will be saved.</source>
        <translation>选项已更改：请按“预览”查看将要保存的简报。</translation>
    </message>
    <message>
        <source>1 page</source>
        <translation>1 页</translation>
    </message>
    <message>
        <source>%1 pages</source>
        <translation>%1 页</translation>
    </message>
    <message>
        <source>1 case</source>
        <translation>1 个案件</translation>
    </message>
    <message>
        <source>%1 cases</source>
        <translation>%1 个案件</translation>
    </message>
    <message>
        <source>document %1</source>
        <translation>文件 %1</translation>
    </message>
    <message>
        <source>The dossier is locked.</source>
        <translation>档案库已锁定。</translation>
    </message>
    <message>
        <source>Reading the cases…</source>
        <translation>正在读取案件…</translation>
    </message>
    <message>
        <source>Building the packet…</source>
        <translation>正在生成简报…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Laying out case %1 of %2…</source>
        <translation>正在排版第 %1 个案件（共 %2 个）…</translation>
    </message>
    <message>
        <source>Finishing…</source>
        <translation>即将完成…</translation>
    </message>
    <message>
        <source>The packet was built but could not be shown.</source>
        <translation>简报已生成，但无法显示。</translation>
    </message>
    <message>
        <source>Could not build the packet: %1</source>
        <translation>无法生成简报：%1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Save the briefing</source>
        <translation>保存简报</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Saved to %1 (unencrypted)</source>
        <translation>已保存到 %1（未加密）</translation>
    </message>
    <message>
        <source>Could not save the packet: %1</source>
        <translation>无法保存简报：%1</translation>
    </message>
</context>
<context>
    <name>CaseEditor</name>
    <message>
        <source>Edit case</source>
        <translation>编辑案件</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>新建案件</translation>
    </message>
    <message>
        <source>Name as usually written in English, e.g. Wang Quanzhang</source>
        <translation>常用英文姓名，例如 Wang Quanzhang</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>显示姓名</translation>
    </message>
    <message>
        <source>e.g. 1976, 197X, 1976~</source>
        <translation>例如 1976、197X、1976~</translation>
    </message>
    <message>
        <source>Birth year</source>
        <translation>出生年份</translation>
    </message>
    <message>
        <source>comma-separated, e.g. lawyers, 709-crackdown</source>
        <translation>以逗号分隔，例如 lawyers, 709-crackdown</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>A short account of the case, for briefings</source>
        <translation>案件简述，用于简报</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>简述</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Occupation:</source>
        <translation>职业(&amp;O)：</translation>
    </message>
    <message>
        <source>Nationa&amp;lity:</source>
        <translation>国籍(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Gender:</source>
        <translation>性别(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Born:</source>
        <translation>出生(&amp;B)：</translation>
    </message>
    <message>
        <source>Sensiti&amp;vity:</source>
        <translation>敏感级别(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation>标签(&amp;T)：</translation>
    </message>
    <message>
        <source>S&amp;ummary:</source>
        <translation>简述(&amp;U)：</translation>
    </message>
    <message>
        <source>Names in other scripts</source>
        <translation>其他文字的姓名</translation>
    </message>
    <message>
        <source>Related people</source>
        <translation>相关人员</translation>
    </message>
    <message>
        <source>Names in other scripts and transliterations:</source>
        <translation>其他文字的姓名及音译：</translation>
    </message>
    <message>
        <source>Add name</source>
        <translation>添加姓名</translation>
    </message>
    <message>
        <source>Remove name</source>
        <translation>删除姓名</translation>
    </message>
    <message>
        <source>Related people:</source>
        <translation>相关人员：</translation>
    </message>
    <message>
        <source>Add person</source>
        <translation>添加人员</translation>
    </message>
    <message>
        <source>Remove person</source>
        <translation>删除人员</translation>
    </message>
    <message>
        <source>— not a lawyer / not known —</source>
        <translation>— 非律师 / 不详 —</translation>
    </message>
    <message>
        <source>— no case of their own —</source>
        <translation>— 无本人案件 —</translation>
    </message>
</context>
<context>
    <name>CaseListPanel</name>
    <message>
        <source>Search names, places, notes… (Ctrl+F)</source>
        <translation>搜索姓名、地点、备注…（Ctrl+F）</translation>
    </message>
    <message>
        <source>Search cases</source>
        <translation>搜索案件</translation>
    </message>
    <message>
        <source>Search as you type, in any script: 王全, Tashi, Ürümqi…</source>
        <translation>边输入边搜索，支持任何文字：王全、Tashi、Ürümqi…</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>按状态筛选</translation>
    </message>
    <message>
        <source>Show only cases with this status on the as-of day</source>
        <translation>只显示在基准日处于该状态的案件</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <source>Filter by tag</source>
        <translation>按标签筛选</translation>
    </message>
    <message>
        <source>Show only cases with this tag</source>
        <translation>只显示带有该标签的案件</translation>
    </message>
    <message>
        <source>Any alert or none</source>
        <translation>不限警示</translation>
    </message>
    <message>
        <source>Filter by alert</source>
        <translation>按警示筛选</translation>
    </message>
    <message>
        <source>Show only cases with this alert on the as-of day</source>
        <translation>只显示在基准日有该警示的案件</translation>
    </message>
    <message>
        <source>As of:</source>
        <translation>基准日：</translation>
    </message>
    <message>
        <source>As of day</source>
        <translation>基准日</translation>
    </message>
    <message>
        <source>Statuses, days and alerts are computed as of this day</source>
        <translation>状态、天数和警示均按此日期计算</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Back to today</source>
        <translation>回到今天</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Loading all cases…</source>
        <translation>正在载入全部案件…</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n 个案件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Native name</source>
        <translation>原文姓名</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Days in custody</source>
        <translation>羁押天数</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>起始</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>警示</translation>
    </message>
    <message>
        <source>Days in custody, or under house arrest when that is the status</source>
        <translation>羁押天数；状态为软禁时为软禁天数</translation>
    </message>
    <message>
        <source> · whereabouts unknown</source>
        <translation> · 下落不明</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <source>Edit case…</source>
        <translation>编辑案件…</translation>
    </message>
    <message>
        <source>Names, tags, summary, related people</source>
        <translation>姓名、标签、简述、相关人员</translation>
    </message>
    <message>
        <source>Wheel to zoom, drag to move, double-click or 0 to fit.</source>
        <translation>滚轮缩放，拖动平移，双击或按 0 适应窗口。</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <source>Show the whole case (0). Wheel to zoom, drag to move.</source>
        <translation>显示整个案件（0）。滚轮缩放，拖动平移。</translation>
    </message>
    <message>
        <source>&amp;Events ({n})</source>
        <translation>事件(&amp;E)（{n}）</translation>
    </message>
    <message>
        <source>&amp;Events</source>
        <translation>事件(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Sources and files</source>
        <translation>来源和文件(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;People and asks</source>
        <translation>人员和诉求(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>历史(&amp;H)</translation>
    </message>
    <message>
        <source>Timeline as of {day}</source>
        <translation>截至{day}的时间轴</translation>
    </message>
    <message>
        <source>This case no longer exists. Undo (Ctrl+Z) brings it back if it was deleted here.</source>
        <translation>该案件已不存在。如果是在此删除的，可用撤销（Ctrl+Z）恢复。</translation>
    </message>
    <message>
        <source>Choose a case in the list, or create a new one.</source>
        <translation>请在列表中选择一个案件，或新建一个。</translation>
    </message>
    <message>
        <source>Dossier</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Delete case</source>
        <translation>删除案件</translation>
    </message>
    <message>
        <source>Delete {name} and their {n} events? You can undo this (Ctrl+Z).</source>
        <translation>删除 {name} 及其 {n} 个事件？可以撤销（Ctrl+Z）。</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <source>Change passphrase — Dossier</source>
        <translation>更改口令 — Dossier</translation>
    </message>
    <message>
        <source>The store and its backups made from now on open with the new passphrase; backups made before keep the old one.</source>
        <translation>档案库及今后所做的备份将用新口令打开；此前的备份仍用旧口令。</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>当前口令</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>新口令</translation>
    </message>
    <message>
        <source>New passphrase again</source>
        <translation>再次输入新口令</translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation>口令强度</translation>
    </message>
    <message>
        <source>Also re-encrypt every page with a new key (if the old key may have leaked; slower)</source>
        <translation>同时用新密钥重新加密每一页（如旧密钥可能已泄露；较慢）</translation>
    </message>
    <message>
        <source>Current:</source>
        <translation>当前：</translation>
    </message>
    <message>
        <source>New:</source>
        <translation>新口令：</translation>
    </message>
    <message>
        <source>Again:</source>
        <translation>再次输入：</translation>
    </message>
    <message>
        <source>Strength:</source>
        <translation>强度：</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>更改</translation>
    </message>
    <message>
        <source>Type the current passphrase.</source>
        <translation>请输入当前口令。</translation>
    </message>
    <message>
        <source>Type a new passphrase.</source>
        <translation>请输入新口令。</translation>
    </message>
    <message>
        <source>The two new passphrases differ.</source>
        <translation>两次输入的新口令不一致。</translation>
    </message>
</context>
<context>
    <name>ContactsDialog</name>
    <message>
        <source>Contacts and your identity</source>
        <translation>联系人和您的身份</translation>
    </message>
    <message>
        <source>You</source>
        <translation>您</translation>
    </message>
    <message>
        <source>Create my identity</source>
        <translation>创建我的身份</translation>
    </message>
    <message>
        <source>Copy my card</source>
        <translation>复制我的名片</translation>
    </message>
    <message>
        <source>Export age identity…</source>
        <translation>导出 age 身份…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已核实</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Verified / not verified</source>
        <translation>已核实 / 未核实</translation>
    </message>
    <message>
        <source>No identity yet</source>
        <translation>尚无身份</translation>
    </message>
    <message>
        <source>Create one to receive and sign share files.</source>
        <translation>创建一个身份，用于接收和签署共享文件。</translation>
    </message>
    <message>
        <source>no signing key</source>
        <translation>无签名密钥</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Export your age identity</source>
        <translation>导出您的 age 身份</translation>
    </message>
    <message>
        <source>Your private key</source>
        <translation>您的私钥</translation>
    </message>
    <message>
        <source>The file will hold your PRIVATE key, unencrypted: anyone who gets it can read every share sent to you. Write it anyway?</source>
        <translation>该文件将以未加密形式保存您的私钥：任何拿到它的人都能读取发给您的所有共享文件。仍要写入吗？</translation>
    </message>
</context>
<context>
    <name>CreateDialog</name>
    <message>
        <source>New dossier — Dossier</source>
        <translation>新建档案库 — Dossier</translation>
    </message>
    <message>
        <source>Choose a passphrase for the new store at %1. Nobody — not us, not you — can open the store without it: write it down somewhere safe.</source>
        <translation>请为位于 %1 的新档案库设定口令。没有口令，任何人（包括我们和您自己）都无法打开该档案库：请把它记在安全的地方。</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>新口令</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>再次输入口令</translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation>口令强度</translation>
    </message>
    <message>
        <source>Estimated by zxcvbn: 3 (good) or 4 (strong) is wanted</source>
        <translation>由 zxcvbn 估算：需要达到 3（良好）或 4（强）</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>口令：</translation>
    </message>
    <message>
        <source>Again:</source>
        <translation>再次输入：</translation>
    </message>
    <message>
        <source>Strength:</source>
        <translation>强度：</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>very weak</source>
        <translation>非常弱</translation>
    </message>
    <message>
        <source>weak</source>
        <translation>弱</translation>
    </message>
    <message>
        <source>fair</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>good</source>
        <translation>良好</translation>
    </message>
    <message>
        <source>strong</source>
        <translation>强</translation>
    </message>
    <message>
        <source>Type a passphrase.</source>
        <translation>请输入口令。</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
        <source>Weak passphrase</source>
        <translation>口令太弱</translation>
    </message>
    <message>
        <source>This passphrase is easy to guess. Anyone who takes this computer could try it. Use it anyway?</source>
        <translation>这个口令很容易被猜到。拿到这台电脑的任何人都可能试出它。仍然使用吗？</translation>
    </message>
</context>
<context>
    <name>Days</name>
    <message>
        <source>1 day</source>
        <translation>1 天</translation>
    </message>
    <message>
        <source>%n days</source>
        <translation>%n 天</translation>
    </message>
    <message>
        <source>{lo}–%n days</source>
        <translation>{lo}–%n 天</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Your dossier is ready</source>
        <translation>您的档案库已就绪</translation>
    </message>
    <message>
        <source>&amp;Open my dossier</source>
        <translation>打开我的档案库(&amp;O)</translation>
    </message>
    <message>
        <source>Dossier:</source>
        <translation>档案库：</translation>
    </message>
    <message>
        <source>Fingerprint:</source>
        <translation>指纹：</translation>
    </message>
    <message>
        <source>Key backup:</source>
        <translation>密钥备份：</translation>
    </message>
    <message>
        <source>Remember: without your passphrase nobody can open it.</source>
        <translation>请记住：没有您的口令，任何人都无法打开它。</translation>
    </message>
    <message>
        <source>none yet (Tools ▸ Contacts)</source>
        <translation>尚未创建（工具 ▸ 联系人）</translation>
    </message>
    <message>
        <source>not made</source>
        <translation>未备份</translation>
    </message>
</context>
<context>
    <name>DraftDialog</name>
    <message>
        <source>Draft from statement</source>
        <translation>从声明起草</translation>
    </message>
    <message>
        <source>Title of the source the statement is saved as</source>
        <translation>声明保存为来源时的标题</translation>
    </message>
    <message>
        <source>YYYY-MM-DD — relative dates (last year, 去年) count from it</source>
        <translation>YYYY-MM-DD——相对日期（去年、last year）以此为准推算</translation>
    </message>
    <message>
        <source>Source title</source>
        <translation>来源标题</translation>
    </message>
    <message>
        <source>Statement date</source>
        <translation>声明日期</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>发布者</translation>
    </message>
    <message>
        <source>Open file…</source>
        <translation>打开文件…</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>起草</translation>
    </message>
    <message>
        <source>Edit the text</source>
        <translation>编辑文本</translation>
    </message>
    <message>
        <source>Paste a statement here (English or Chinese): a joint letter, a news item, a court notice, a family's account.</source>
        <translation>在此粘贴声明（英文或中文）：联署信、新闻报道、法院公告、家属陈述。</translation>
    </message>
    <message>
        <source>Highlighted: event words · dates · names · charges and terms. Grey: sentences nothing was taken from.</source>
        <translation>高亮：事件用语 · 日期 · 人名 · 罪名和刑期。灰色：未采用任何内容的句子。</translation>
    </message>
    <message>
        <source>Not used</source>
        <translation>未采用</translation>
    </message>
    <message>
        <source>Accept drafts</source>
        <translation>接受草稿</translation>
    </message>
    <message>
        <source>Open statement</source>
        <translation>打开声明</translation>
    </message>
    <message>
        <source>Text (*.txt *.md);;All files (*)</source>
        <translation>文本 (*.txt *.md);;所有文件 (*)</translation>
    </message>
    <message>
        <source>the file is too large for one statement</source>
        <translation>文件太大，不像是一份声明</translation>
    </message>
    <message>
        <source>%1 is not UTF-8 text; save it as UTF-8 first.</source>
        <translation>%1 不是 UTF-8 文本；请先另存为 UTF-8。</translation>
    </message>
    <message>
        <source>the statement date must be a day, like 2024-03-12</source>
        <translation>声明日期须为具体某一天，例如 2024-03-12</translation>
    </message>
    <message>
        <source>paste or open a statement first</source>
        <translation>请先粘贴或打开一份声明</translation>
    </message>
    <message>
        <source>the text is too long for one statement</source>
        <translation>文本太长，不像是一份声明</translation>
    </message>
    <message>
        <source>Drafting…</source>
        <translation>正在起草…</translation>
    </message>
    <message>
        <source>Not used (%1 sentences): nothing was taken from these</source>
        <translation>未采用（%1 句）：未从这些句子中提取任何内容</translation>
    </message>
    <message>
        <source>No case or event was found. The sentences are listed as not used; add events by hand if the statement has them.</source>
        <translation>未找到任何案例或事件。各句均列为未采用；如声明中确有事件，请手动添加。</translation>
    </message>
    <message>
        <source>Nothing was written.</source>
        <translation>未写入任何内容。</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>正在写入…</translation>
    </message>
    <message>
        <source>Draft again with this date</source>
        <translation>按此日期重新起草</translation>
    </message>
    <message>
        <source>Accepting writes: the statement as a source (its text attached), %1 new case(s), events for %2 existing case(s), %3 event(s) citing the source.</source>
        <translation>接受后将写入：声明作为来源（附原文），%1 个新案例，%2 个已有案例的事件，共 %3 个引用该来源的事件。</translation>
    </message>
    <message>
        <source>%1 event(s) without a date will not be written.</source>
        <translation>%1 个没有日期的事件不会写入。</translation>
    </message>
    <message>
        <source>Nothing is written until you accept the drafts.</source>
        <translation>在您接受草稿之前，不会写入任何内容。</translation>
    </message>
</context>
<context>
    <name>DraftTree</name>
    <message>
        <source>Case / event</source>
        <translation>案例 / 事件</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>From the words</source>
        <translation>原文依据</translation>
    </message>
    <message>
        <source>existing case: %1</source>
        <translation>已有案例：%1</translation>
    </message>
    <message>
        <source>new case</source>
        <translation>新案例</translation>
    </message>
    <message>
        <source>(no date: not written)</source>
        <translation>（无日期：不会写入）</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <source>Likely duplicates</source>
        <translation>可能重复的案例</translation>
    </message>
    <message>
        <source>Looking for cases that look like one person…</source>
        <translation>正在查找看似同一人的案例…</translation>
    </message>
    <message>
        <source>Alike</source>
        <translation>相似度</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案例</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>&amp;Merge…</source>
        <translation>合并(&amp;M)…</translation>
    </message>
    <message>
        <source>Find duplicates</source>
        <translation>查找重复案例</translation>
    </message>
    <message>
        <source>Comparing the names of every case…</source>
        <translation>正在比较所有案例的姓名…</translation>
    </message>
    <message>
        <source>the same spelling in pinyin (%1)</source>
        <translation>拼音拼写相同(%1)</translation>
    </message>
    <message>
        <source>%1% alike in pinyin (%2)</source>
        <translation>拼音相似度 %1%(%2)</translation>
    </message>
    <message>
        <source>Pairs of cases that look like one person: %1. Merging is never automatic: two people can share a name.</source>
        <translation>看似同一人的案例对:%1。合并从不自动进行:两个人可能同名。</translation>
    </message>
    <message>
        <source>No likely duplicates.</source>
        <translation>没有可能重复的案例。</translation>
    </message>
</context>
<context>
    <name>EdtfEdit</name>
    <message>
        <source>e.g. 2015-07-09, 2015年7月, 2018~, late 2017</source>
        <translation>例如 2015-07-09、2015年7月、2018~、2017年底</translation>
    </message>
    <message>
        <source>A day (2015-07-09, 2015年7月9日, 9 July 2015, 2015/7/9), a month (2015-10, 2015年10月), a year (2018), part of one (early/mid/late 2017, 2017年初/年中/年底), or EDTF: end with ~ for 'about', ? for 'uncertain'; 2015-10-17/2017-10-17 for 'some time between'. Write the year first: 09/07/2015 could be two days.</source>
        <translation>某一天（2015-07-09、2015年7月9日、9 July 2015、2015/7/9）、某月（2015-10、2015年10月）、某年（2018）、某年的一段（2017年初/年中/年底，early/mid/late 2017），或 EDTF：末尾加 ~ 表示“约”，加 ? 表示“不确定”；2015-10-17/2017-10-17 表示“其间某时”。请把年份写在前面：09/07/2015 可能是两个不同的日子。</translation>
    </message>
    <message>
        <source>A date is needed.</source>
        <translation>需要填写日期。</translation>
    </message>
    <message>
        <source>stored as %1</source>
        <translation>存储为 %1</translation>
    </message>
    <message>
        <source>A date in the future</source>
        <translation>未来的日期</translation>
    </message>
    <message>
        <source>Save it anyway?</source>
        <translation>仍然保存吗？</translation>
    </message>
</context>
<context>
    <name>EventEditor</name>
    <message>
        <source>Edit event</source>
        <translation>编辑事件</translation>
    </message>
    <message>
        <source>Add event</source>
        <translation>添加事件</translation>
    </message>
    <message>
        <source>Event type</source>
        <translation>事件类型</translation>
    </message>
    <message>
        <source>Sets the status to: {s}</source>
        <translation>将状态设为：{s}</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>optional: when this period ended</source>
        <translation>可选：该阶段结束的时间</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>e.g. Tianjin Public Security Bureau</source>
        <translation>例如：天津市公安局</translation>
    </message>
    <message>
        <source>e.g. P4Y6M, 4 years 6 months, 有期徒刑四年六个月, life</source>
        <translation>例如 P4Y6M、4 years 6 months、有期徒刑四年六个月、life</translation>
    </message>
    <message>
        <source>Sentence</source>
        <translation>刑期</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>已证实</translation>
    </message>
    <message>
        <source>reported</source>
        <translation>有报道</translation>
    </message>
    <message>
        <source>disputed</source>
        <translation>有争议</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>类型(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;End:</source>
        <translation>结束(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>地点(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Authority:</source>
        <translation>机关(&amp;A)：</translation>
    </message>
    <message>
        <source>Se&amp;ntence:</source>
        <translation>刑期(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Confidence:</source>
        <translation>可信度(&amp;C)：</translation>
    </message>
    <message>
        <source>Sensiti&amp;vity:</source>
        <translation>敏感级别(&amp;V)：</translation>
    </message>
    <message>
        <source>Charges</source>
        <translation>罪名</translation>
    </message>
    <message>
        <source>other charges, separated by ;</source>
        <translation>其他罪名，以 ; 分隔</translation>
    </message>
    <message>
        <source>Other charges</source>
        <translation>其他罪名</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>What happened, and what each source says</source>
        <translation>发生了什么，以及各来源的说法</translation>
    </message>
    <message>
        <source>C&amp;harges:</source>
        <translation>罪名(&amp;H)：</translation>
    </message>
    <message>
        <source>S&amp;ources:</source>
        <translation>来源(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>probation</source>
        <translation>缓刑</translation>
    </message>
    <message>
        <source>political rights</source>
        <translation>剥夺政治权利</translation>
    </message>
</context>
<context>
    <name>EventsModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>可信度</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>敏感级别</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>已证实</translation>
    </message>
    <message>
        <source>reported</source>
        <translation>有报道</translation>
    </message>
    <message>
        <source>disputed</source>
        <translation>有争议</translation>
    </message>
    <message>
        <source>until {end}</source>
        <translation>至 {end}</translation>
    </message>
    <message>
        <source>Charges: {c}</source>
        <translation>罪名：{c}</translation>
    </message>
    <message>
        <source>Sentence: {s}</source>
        <translation>刑期：{s}</translation>
    </message>
    <message>
        <source>Authority: {a}</source>
        <translation>机关：{a}</translation>
    </message>
</context>
<context>
    <name>EventsPanel</name>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Add event…</source>
        <translation>添加事件…</translation>
    </message>
    <message>
        <source>Add an event to this case</source>
        <translation>为该案件添加事件</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Edit the selected event (Enter or double-click)</source>
        <translation>编辑所选事件（回车或双击）</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the selected event (Delete; undo with Ctrl+Z)</source>
        <translation>删除所选事件（Delete 键；Ctrl+Z 撤销）</translation>
    </message>
</context>
<context>
    <name>FactsStrip</name>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>In custody</source>
        <translation>羁押</translation>
    </message>
    <message>
        <source>Disappeared</source>
        <translation>失踪</translation>
    </message>
    <message>
        <source>Under house arrest</source>
        <translation>软禁</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>起始</translation>
    </message>
    <message>
        <source>Charges</source>
        <translation>罪名</translation>
    </message>
    <message>
        <source>Sentence</source>
        <translation>刑期</translation>
    </message>
    <message>
        <source>Expected release</source>
        <translation>预计释放</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Your dossier is created and open. If you close this assistant now, it stays as it is; you can do the rest later.</source>
        <translation>您的档案库已创建并已打开。现在关闭本向导，它也会保持原样；其余步骤可以以后再做。</translation>
    </message>
    <message>
        <source>Set up Dossier</source>
        <translation>设置 Dossier</translation>
    </message>
    <message>
        <source>S&amp;kip — I'll explore the demo</source>
        <translation>跳过 — 我先看看演示(&amp;K)</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The new dossier %1 is created and open.</source>
        <translation>新档案库 %1 已创建并已打开。</translation>
    </message>
</context>
<context>
    <name>GanttChart</name>
    <message>
        <source>Custody periods of all cases</source>
        <translation>所有案件的羁押期</translation>
    </message>
    <message>
        <source>No cases to show</source>
        <translation>没有可显示的案件</translation>
    </message>
    <message>
        <source>In custody: {days}</source>
        <translation>羁押：{days}</translation>
    </message>
    <message>
        <source>Custody since {day}</source>
        <translation>自{day}起羁押</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>简述</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作者</translation>
    </message>
    <message>
        <source>case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>已修改</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Change history</source>
        <translation>变更历史</translation>
    </message>
    <message>
        <source>Every change is saved at once; undo with Ctrl+Z.</source>
        <translation>每项修改都会立即保存；可用 Ctrl+Z 撤销。</translation>
    </message>
</context>
<context>
    <name>IdentityPage</name>
    <message>
        <source>Your identity</source>
        <translation>您的身份</translation>
    </message>
    <message>
        <source>Create my &amp;identity for sharing</source>
        <translation>创建我用于共享的身份(&amp;I)</translation>
    </message>
    <message>
        <source>Your identity is a key pair, kept inside the dossier: with it, colleagues can send you encrypted files and check that what you send them really comes from you.</source>
        <translation>您的身份是一对密钥，保存在档案库内：有了它，同事可以给您发送加密文件，并核实您发给他们的文件确实出自您手。</translation>
    </message>
    <message>
        <source>You can also create it later, under Tools ▸ Contacts.</source>
        <translation>您也可以以后在“工具 ▸ 联系人”中创建。</translation>
    </message>
    <message>
        <source>Your fingerprint — read it out to colleagues so they can verify your key:</source>
        <translation>您的指纹——念给同事听，以便他们核实您的密钥：</translation>
    </message>
    <message>
        <source>Your fingerprint</source>
        <translation>您的指纹</translation>
    </message>
    <message>
        <source>C&amp;reate my identity</source>
        <translation>创建我的身份(&amp;R)</translation>
    </message>
</context>
<context>
    <name>IntroPage</name>
    <message>
        <source>Welcome to Dossier</source>
        <translation>欢迎使用 Dossier</translation>
    </message>
    <message>
        <source>Everything you record in Dossier — names, events, sources, files — is kept encrypted on this computer, readable only with your passphrase. If you lose the passphrase, nobody (not us, not you) can recover the data: write it down and keep it somewhere safe.</source>
        <translation>您在 Dossier 中记录的一切——姓名、事件、来源、文件——都加密保存在这台电脑上，只有凭您的口令才能读取。如果遗失口令，任何人（包括我们和您自己）都无法恢复这些数据：请把口令写下来，妥善保管。</translation>
    </message>
    <message>
        <source>This assistant creates your dossier and your identity for sharing, and offers to back up the dossier's key. It takes a minute.</source>
        <translation>本向导将为您创建档案库和用于共享的身份，并可备份档案库的密钥。只需一分钟。</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>继续(&amp;C)</translation>
    </message>
</context>
<context>
    <name>ItemEditor</name>
    <message>
        <source>Select a draft case or event to edit it.</source>
        <translation>选择一个草稿案例或事件进行编辑。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Name in its own script</source>
        <translation>原文姓名</translation>
    </message>
    <message>
        <source>Write to</source>
        <translation>写入</translation>
    </message>
    <message>
        <source>Found as</source>
        <translation>原文写法</translation>
    </message>
    <message>
        <source>Charge ids or terms, separated by commas</source>
        <translation>罪名代码或名称，以逗号分隔</translation>
    </message>
    <message>
        <source>e.g. P4Y6M, life</source>
        <translation>例如 P4Y6M、life</translation>
    </message>
    <message>
        <source>e.g. P4Y (a suspended sentence's probation)</source>
        <translation>例如 P4Y（缓刑考验期）</translation>
    </message>
    <message>
        <source>Write this event</source>
        <translation>写入此事件</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Charges</source>
        <translation>罪名</translation>
    </message>
    <message>
        <source>Sentence</source>
        <translation>刑期</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>判决结果</translation>
    </message>
    <message>
        <source>Probation</source>
        <translation>缓刑考验期</translation>
    </message>
    <message>
        <source>From the words</source>
        <translation>原文依据</translation>
    </message>
    <message>
        <source>A new case</source>
        <translation>新案例</translation>
    </message>
    <message>
        <source>Existing case: %1 (%2% alike)</source>
        <translation>已有案例：%1（相似度 %2%）</translation>
    </message>
    <message>
        <source>Duplicate check: looks like %1 (%2% alike in pinyin). Choose it above if it is the same person.</source>
        <translation>重复检查：与 %1 相似（拼音相似度 %2%）。如是同一人，请在上方选择该案例。</translation>
    </message>
    <message>
        <source>Matched by name: the events are added to this case.</source>
        <translation>已按姓名匹配：事件将添加到此案例。</translation>
    </message>
    <message>
        <source>Duplicate check: no existing case has a name like this.</source>
        <translation>重复检查：没有姓名相近的已有案例。</translation>
    </message>
    <message>
        <source>rule: %1 · confidence %2</source>
        <translation>规则：%1 · 置信度 %2</translation>
    </message>
</context>
<context>
    <name>LawyerDialog</name>
    <message>
        <source>Add lawyer</source>
        <translation>添加律师</translation>
    </message>
    <message>
        <source>Lawyer's name</source>
        <translation>律师姓名</translation>
    </message>
    <message>
        <source>Lawyer's role</source>
        <translation>律师身份</translation>
    </message>
    <message>
        <source>— not known —</source>
        <translation>— 不详 —</translation>
    </message>
    <message>
        <source>e.g. refused access since March 2016</source>
        <translation>例如：自2016年3月起被拒绝会见</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>身份(&amp;R)：</translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <source>Link to another case</source>
        <translation>关联另一案件</translation>
    </message>
    <message>
        <source>Other case</source>
        <translation>另一案件</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>Also link the other case back to this one</source>
        <translation>同时在另一案件中关联回本案</translation>
    </message>
    <message>
        <source>&amp;Case:</source>
        <translation>案件(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Is this person's:</source>
        <translation>此人是本案当事人的(&amp;I)：</translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Locked after %1 idle minutes.</source>
        <translation>空闲 %1 分钟后已锁定。</translation>
    </message>
    <message>
        <source>Locked: the session was suspended.</source>
        <translation>已锁定：会话已挂起。</translation>
    </message>
    <message>
        <source>Clipboard cleared.</source>
        <translation>剪贴板已清空。</translation>
    </message>
    <message>
        <source>Locked.</source>
        <translation>已锁定。</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>总览</translation>
    </message>
    <message>
        <source>The selected case: profile, timeline, events, sources</source>
        <translation>所选案件：概况、时间轴、事件、来源</translation>
    </message>
    <message>
        <source>All cases on one timeline, with counts by status</source>
        <translation>所有案件显示在同一时间轴上，并按状态计数</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>This is the demo store; its passphrase is: demo</source>
        <translation>这是演示档案库，口令为：demo</translation>
    </message>
    <message>
        <source>Creating the demo store (passphrase: demo)…</source>
        <translation>正在创建演示档案库（口令：demo）…</translation>
    </message>
    <message>
        <source>Could not open the dossier</source>
        <translation>无法打开档案库</translation>
    </message>
    <message>
        <source>Closed.</source>
        <translation>已关闭。</translation>
    </message>
    <message>
        <source>Opening</source>
        <translation>正在打开</translation>
    </message>
    <message>
        <source>Bringing every case up to today…</source>
        <translation>正在将所有案件更新到今天…</translation>
    </message>
    <message>
        <source>Unlocked %1, shown as of %2 (the day its story is told); press Today for now.</source>
        <translation>已解锁 %1，按其所述之日 %2 显示；按“今天”查看当前情况。</translation>
    </message>
    <message>
        <source>Unlocked %1.</source>
        <translation>已解锁 %1。</translation>
    </message>
    <message>
        <source>No case matches.</source>
        <translation>没有匹配的案件。</translation>
    </message>
    <message>
        <source>Copied the name; the clipboard will be cleared in %1 s.</source>
        <translation>已复制姓名；剪贴板将在 %1 秒后清空。</translation>
    </message>
</context>
<context>
    <name>Merge</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>敏感级别</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>出生</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
    <message>
        <source>Nationality</source>
        <translation>国籍</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Merge cases</source>
        <translation>合并案例</translation>
    </message>
    <message>
        <source>Fold which case into the selected one? Its name (in any script) or id:</source>
        <translation>将哪个案例并入所选案例?请输入其姓名(任何文字)或编号:</translation>
    </message>
    <message>
        <source>That is the selected case itself.</source>
        <translation>这就是所选案例本身。</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge cases</source>
        <translation>合并案例</translation>
    </message>
    <message>
        <source>Comparing the two cases…</source>
        <translation>正在比较两个案例…</translation>
    </message>
    <message>
        <source>&amp;Swap</source>
        <translation>对调(&amp;S)</translation>
    </message>
    <message>
        <source>Keep the other case instead</source>
        <translation>改为保留另一个案例</translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation>合并(&amp;M)</translation>
    </message>
    <message>
        <source>Keep &lt;b&gt;%1&lt;/b&gt; and fold &lt;b&gt;%2&lt;/b&gt; into it: names, tags, relations and requests are united, and %3 events move over with their sources. The folded case's id keeps working in shares from colleagues.</source>
        <translation>保留 &lt;b&gt;%1&lt;/b&gt;,并将 &lt;b&gt;%2&lt;/b&gt; 并入其中:姓名、标签、关系人和诉求将合并,%3 个事件连同其来源一并移入。被并入案例的编号在同事发来的共享文件中仍然有效。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Both cases fill these differently; choose:&lt;/b&gt;</source>
        <translation>&lt;b&gt;两个案例在以下字段中内容不同,请选择:&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Names after the merge: %1</source>
        <translation>合并后的姓名:%1</translation>
    </message>
</context>
<context>
    <name>NamesModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
</context>
<context>
    <name>OverviewView</name>
    <message>
        <source>Order of the rows</source>
        <translation>行的排列顺序</translation>
    </message>
    <message>
        <source>By start of custody</source>
        <translation>按羁押开始时间</translation>
    </message>
    <message>
        <source>By status</source>
        <translation>按状态</translation>
    </message>
    <message>
        <source>By name</source>
        <translation>按姓名</translation>
    </message>
    <message>
        <source>&amp;Order:</source>
        <translation>排序(&amp;O)：</translation>
    </message>
    <message>
        <source>Double-click a row to open the case. Hover for details.</source>
        <translation>双击某行打开案件。悬停查看详情。</translation>
    </message>
    <message>
        <source>All cases as of {day}</source>
        <translation>截至{day}的所有案件</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>所有案件</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Preview of the pages</source>
        <translation>页面预览</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Fit the page width to the window</source>
        <translation>使页面宽度适合窗口</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <source>Press Preview to see the pages here.</source>
        <translation>按“预览”在此查看页面。</translation>
    </message>
</context>
<context>
    <name>PeoplePanel</name>
    <message>
        <source>Related people</source>
        <translation>相关人员</translation>
    </message>
    <message>
        <source>Asks</source>
        <translation>诉求</translation>
    </message>
    <message>
        <source>&lt;b&gt;Related people&lt;/b&gt; — double-click one with a case of their own to open it</source>
        <translation>&lt;b&gt;相关人员&lt;/b&gt; — 双击有自己案件的人员即可打开</translation>
    </message>
    <message>
        <source>&lt;b&gt;Asks&lt;/b&gt; — what is being requested, and of whom</source>
        <translation>&lt;b&gt;诉求&lt;/b&gt; — 提出什么要求，向谁提出</translation>
    </message>
    <message>
        <source>Edit people…</source>
        <translation>编辑人员…</translation>
    </message>
    <message>
        <source>Add lawyer…</source>
        <translation>添加律师…</translation>
    </message>
    <message>
        <source>Link to case…</source>
        <translation>关联案件…</translation>
    </message>
    <message>
        <source>Link this case to a related person's own case (a wife's, a husband's)</source>
        <translation>将本案与相关人士本人的案件关联（如妻子或丈夫的案件）</translation>
    </message>
    <message>
        <source>Add ask…</source>
        <translation>添加诉求…</translation>
    </message>
    <message>
        <source>Remove ask</source>
        <translation>删除诉求</translation>
    </message>
    <message>
        <source>Add lawyer</source>
        <translation>添加律师</translation>
    </message>
    <message>
        <source>Add ask</source>
        <translation>添加诉求</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>The language of menus and labels; applied at once</source>
        <translation>菜单和标签的语言；立即生效</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Lock after idle minutes</source>
        <translation>空闲多少分钟后锁定</translation>
    </message>
    <message>
        <source>Lock the dossier after this many minutes without keyboard or mouse input</source>
        <translation>在没有键盘或鼠标输入达到这么多分钟后锁定档案库</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Clear the clipboard after seconds</source>
        <translation>多少秒后清空剪贴板</translation>
    </message>
    <message>
        <source>A copied name is removed from the clipboard after this many seconds</source>
        <translation>复制的姓名会在这么多秒后从剪贴板清除</translation>
    </message>
    <message>
        <source>Lock when the computer sleeps or the screen locks</source>
        <translation>电脑休眠或屏幕锁定时锁定</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Auto-lock after:</source>
        <translation>自动锁定：</translation>
    </message>
    <message>
        <source>Clear clipboard after:</source>
        <translation>清空剪贴板：</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L locks at once, from anywhere in the window.</source>
        <translation>在窗口任何位置按 Ctrl+Shift+L 可立即锁定。</translation>
    </message>
</context>
<context>
    <name>ProfileHeader</name>
    <message>
        <source>born {when}</source>
        <translation>生于 {when}</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>RelationsModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>Lawyer's role</source>
        <translation>律师身份</translation>
    </message>
    <message>
        <source>Linked case</source>
        <translation>关联案件</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>(case not in this store)</source>
        <translation>（本库中无此案件）</translation>
    </message>
</context>
<context>
    <name>ShareExportDialog</name>
    <message>
        <source>Share cases</source>
        <translation>共享案件</translation>
    </message>
    <message>
        <source>What to share</source>
        <translation>共享内容</translation>
    </message>
    <message numerus="yes">
        <source>The selected cases (%n)</source>
        <translation>
            <numerusform>所选案件（%n 个）</numerusform>
        </translation>
    </message>
    <message>
        <source>Cases with the tag</source>
        <translation>带有该标签的案件</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>所有案件</translation>
    </message>
    <message>
        <source>Records more sensitive than this never leave the store</source>
        <translation>比此级别更敏感的记录不会离开档案库</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>接收方</translation>
    </message>
    <message>
        <source>or paste an age1… recipient</source>
        <translation>或粘贴 age1… 接收方</translation>
    </message>
    <message>
        <source>Protect with a passphrase instead</source>
        <translation>改用口令保护</translation>
    </message>
    <message>
        <source>Share passphrase</source>
        <translation>共享口令</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>再次输入</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Audience</source>
        <translation>受众</translation>
    </message>
    <message>
        <source>For</source>
        <translation>接收方</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>另存为</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>签名者</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>共享</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>已核实</translation>
    </message>
    <message>
        <source>not verified</source>
        <translation>未核实</translation>
    </message>
    <message>
        <source>you — fingerprint %1</source>
        <translation>您——指纹 %1</translation>
    </message>
    <message>
        <source>You have no identity yet: create it under Tools ▸ Contacts.</source>
        <translation>您还没有身份：请在“工具 ▸ 联系人”中创建。</translation>
    </message>
    <message>
        <source>Save the share file</source>
        <translation>保存共享文件</translation>
    </message>
    <message>
        <source>Choose where to save the share file.</source>
        <translation>请选择共享文件的保存位置。</translation>
    </message>
    <message>
        <source>The two passphrases are empty or differ.</source>
        <translation>两次输入的口令为空或不一致。</translation>
    </message>
    <message>
        <source>Choose at least one colleague, or a passphrase.</source>
        <translation>请至少选择一位同事，或设定口令。</translation>
    </message>
    <message>
        <source>Wrote %1: %2 cases, %3 events, %4 attachments.</source>
        <translation>已写入 %1：%2 个案件、%3 个事件、%4 个附件。</translation>
    </message>
    <message>
        <source>Share written</source>
        <translation>共享文件已写入</translation>
    </message>
</context>
<context>
    <name>ShareImportDialog</name>
    <message>
        <source>Import a share file</source>
        <translation>导入共享文件</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Only for a passphrase share</source>
        <translation>仅用于口令保护的共享文件</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Changed on both sides</source>
        <translation>双方都有修改</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Likely duplicates</source>
        <translation>可能重复</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Share passphrase</source>
        <translation>共享口令</translation>
    </message>
    <message>
        <source>Conflicts — records changed on both sides:</source>
        <translation>冲突——双方都修改过的记录：</translation>
    </message>
    <message>
        <source>Likely duplicates (a suggestion to merge, nothing automatic):</source>
        <translation>可能重复（仅为合并建议，不会自动处理）：</translation>
    </message>
    <message>
        <source>Open a share file</source>
        <translation>打开共享文件</translation>
    </message>
    <message>
        <source>Unknown signer</source>
        <translation>未知签名者</translation>
    </message>
    <message>
        <source>%1

Import it only if you trust where it came from. Accept this signer for this import?</source>
        <translation>%1

只有在您信任其来源时才导入。本次导入接受该签名者吗？</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>未导入任何内容。</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <source>New: %1</source>
        <translation>新增：%1</translation>
    </message>
    <message>
        <source>Changed on their side only: %1</source>
        <translation>仅对方有修改：%1</translation>
    </message>
    <message>
        <source>Unchanged: %1</source>
        <translation>未改变：%1</translation>
    </message>
    <message>
        <source>The signer is not a contact you verified in person: their changes to your records are listed below for review.</source>
        <translation>签名者不是您当面核实过的联系人：其对您记录的修改列在下方，供您审阅。</translation>
    </message>
    <message>
        <source>A passphrase share is not bound to its passphrase: anyone who knows it can re-encrypt the file, and it still verifies. The signature shows who made it, not who sent it to you.</source>
        <translation>口令共享文件与其口令并无绑定：任何知道口令的人都可以重新加密该文件，且它仍能通过验证。签名只表明是谁制作了它，而不是谁把它发给了您。</translation>
    </message>
    <message>
        <source>Importing a share cannot be undone: it merges records one by one. Make a backup first if you may want to go back.</source>
        <translation>导入共享文件后无法撤销：它会逐条合并记录。如果之后可能需要恢复，请先备份。</translation>
    </message>
    <message>
        <source>Keep both</source>
        <translation>两者都保留</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>采用对方的</translation>
    </message>
    <message>
        <source>“%1” looks like your “%2”: %3</source>
        <translation>“%1”看起来与您的“%2”相同：%3</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Type to find a command or a key…</source>
        <translation>输入以查找命令或按键…</translation>
    </message>
    <message>
        <source>Find a shortcut</source>
        <translation>查找快捷键</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
</context>
<context>
    <name>SourceEditor</name>
    <message>
        <source>Edit source</source>
        <translation>编辑来源</translation>
    </message>
    <message>
        <source>Add source</source>
        <translation>添加来源</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Date of the source</source>
        <translation>来源日期</translation>
    </message>
    <message>
        <source>A (reliable) to F (cannot be judged), or your own words</source>
        <translation>A（可靠）至 F（无法判断），或您自己的描述</translation>
    </message>
    <message>
        <source>Protect the identity of this source</source>
        <translation>保护该来源的身份</translation>
    </message>
    <message>
        <source>A protected source never leaves the dossier below the internal audience.</source>
        <translation>受保护的来源只会出现在“内部”级别的输出中。</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Publisher:</source>
        <translation>发布者(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Web address:</source>
        <translation>网址(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Reliability:</source>
        <translation>可靠性(&amp;R)：</translation>
    </message>
    <message>
        <source>Sensiti&amp;vity:</source>
        <translation>敏感级别(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Files to keep with it (encrypted):</source>
        <translation>随其保存的文件（加密）：</translation>
    </message>
    <message>
        <source>Files for this source</source>
        <translation>该来源的文件</translation>
    </message>
</context>
<context>
    <name>SourcesModel</name>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>发布者</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Reliability</source>
        <translation>可靠性</translation>
    </message>
    <message>
        <source>Protected</source>
        <translation>受保护</translation>
    </message>
    <message>
        <source>protected</source>
        <translation>受保护</translation>
    </message>
    <message>
        <source>The identity of this source must not leave below the internal audience.</source>
        <translation>该来源的身份只能出现在“内部”级别的输出中。</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>敏感级别</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>SourcesPanel</name>
    <message>
        <source>Sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Drop files onto a source to keep them, encrypted, with it.</source>
        <translation>把文件拖放到某个来源上，即可将其加密保存在该来源下。</translation>
    </message>
    <message>
        <source>Files of the selected source</source>
        <translation>所选来源的文件</translation>
    </message>
    <message>
        <source>Images and text open inside Dossier, from memory. Other files open in their usual program from a decrypted copy in a private folder (readable only by you) that is deleted when Dossier locks or quits.</source>
        <translation>图片和文本在 Dossier 内从内存中打开。其他文件会从私有文件夹（仅您可读）中的解密副本用常用程序打开，该副本在 Dossier 锁定或退出时删除。</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>Show all sources</source>
        <translation>显示全部来源</translation>
    </message>
    <message>
        <source>Show every source in the dossier, not only those this case cites</source>
        <translation>显示档案库中的全部来源，而不只是本案引用的来源</translation>
    </message>
    <message>
        <source>Add source…</source>
        <translation>添加来源…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Attach files…</source>
        <translation>附加文件…</translation>
    </message>
    <message>
        <source>Drop files onto a source to attach them.</source>
        <translation>把文件拖放到某个来源上即可附加。</translation>
    </message>
    <message>
        <source>Attach files to “{t}”</source>
        <translation>向“{t}”附加文件</translation>
    </message>
    <message>
        <source>Attaching {n} file(s)…</source>
        <translation>正在附加 {n} 个文件…</translation>
    </message>
    <message>
        <source>Attached {names}</source>
        <translation>已附加 {names}</translation>
    </message>
    <message>
        <source>Opened a decrypted copy; it is deleted when Dossier locks or quits.</source>
        <translation>已打开解密副本；Dossier 锁定或退出时会将其删除。</translation>
    </message>
    <message>
        <source>Not opened: this file could run a program</source>
        <translation>未打开：此文件可能会运行程序</translation>
    </message>
    <message>
        <source>“{name}” is a program or shortcut type. Opening it could run code on this computer, and a file from someone else may be a trap. Dossier does not open such files.

You can save a copy and examine it with care, ideally on another computer.</source>
        <translation>“{name}”是程序或快捷方式类型的文件。打开它可能会在这台电脑上运行代码，而来自他人的文件可能是陷阱。Dossier 不会打开此类文件。

您可以保存一份副本，谨慎查看，最好在另一台电脑上查看。</translation>
    </message>
    <message>
        <source>Save a copy as…</source>
        <translation>副本另存为…</translation>
    </message>
    <message>
        <source>Not opened: {name} could run a program.</source>
        <translation>未打开：{name} 可能会运行程序。</translation>
    </message>
    <message>
        <source>Saved an unencrypted copy to {path}.</source>
        <translation>已将未加密的副本保存到 {path}。</translation>
    </message>
</context>
<context>
    <name>StandingStrip</name>
    <message>
        <source>Where the person stands</source>
        <translation>当事人现状</translation>
    </message>
    <message>
        <source>Legal stage</source>
        <translation>诉讼阶段</translation>
    </message>
    <message>
        <source>Custody</source>
        <translation>羁押</translation>
    </message>
    <message>
        <source>Whereabouts</source>
        <translation>下落</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Political rights</source>
        <translation>剥夺政治权利</translation>
    </message>
</context>
<context>
    <name>StatusCounts</name>
    <message>
        <source>Cases by status</source>
        <translation>按状态统计案件</translation>
    </message>
    <message>
        <source>{status}: {n}</source>
        <translation>{status}：{n}</translation>
    </message>
    <message>
        <source>1 case</source>
        <translation>1 个案件</translation>
    </message>
    <message numerus="yes">
        <source>%Ln cases</source>
        <translation>
            <numerusform>%Ln 个案件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StoreActions</name>
    <message>
        <source>Back up the store</source>
        <translation>备份档案库</translation>
    </message>
    <message>
        <source>Dossier stores (*.db);;All files (*)</source>
        <translation>Dossier 档案库 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Backed up to %1 and %2. The copy opens with the same passphrase; keep both files together, away from this computer.</source>
        <translation>已备份到 %1 和 %2。副本用同一口令打开；请把两个文件放在一起，存放在这台电脑之外。</translation>
    </message>
    <message>
        <source>Backed up to %1.</source>
        <translation>已备份到 %1。</translation>
    </message>
    <message>
        <source>Backup written</source>
        <translation>备份已写出</translation>
    </message>
    <message>
        <source>Backing up</source>
        <translation>正在备份</translation>
    </message>
    <message>
        <source>Copying the store to %1…</source>
        <translation>正在把档案库复制到 %1…</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <source>Verified: the store is intact.</source>
        <translation>校验完成：档案库完好。</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>The store is intact: page authentication, integrity check, attachment hashes and search index all verified.</source>
        <translation>档案库完好：页面认证、完整性检查、附件哈希和搜索索引均已通过校验。</translation>
    </message>
    <message>
        <source>%1 pages failed authentication</source>
        <translation>%1 页未通过认证</translation>
    </message>
    <message>
        <source>integrity check: %1</source>
        <translation>完整性检查：%1</translation>
    </message>
    <message>
        <source>attachments changed: %1</source>
        <translation>附件已被改动：%1</translation>
    </message>
    <message>
        <source>the search index is damaged</source>
        <translation>搜索索引已损坏</translation>
    </message>
    <message>
        <source>Verification failed: %1.

Restore the store from a backup.</source>
        <translation>校验失败：%1。

请从备份恢复档案库。</translation>
    </message>
    <message>
        <source>Verifying</source>
        <translation>正在校验</translation>
    </message>
    <message>
        <source>Checking every page of the store…</source>
        <translation>正在检查档案库的每一页…</translation>
    </message>
    <message>
        <source>The passphrase was changed.</source>
        <translation>口令已更改。</translation>
    </message>
    <message>
        <source>Export JSON</source>
        <translation>导出 JSON</translation>
    </message>
    <message>
        <source>The JSON file is NOT encrypted: anyone who gets it can read it.

What may it contain (as for a briefing's audience)?</source>
        <translation>JSON 文件不加密：任何拿到它的人都能阅读。

它可以包含哪些内容（与简报的受众级别相同）？</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON 文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Wrote %1 (unencrypted).</source>
        <translation>已写出 %1（未加密）。</translation>
    </message>
    <message>
        <source>Export written</source>
        <translation>导出已写出</translation>
    </message>
    <message>
        <source>Wrote %1. It is NOT encrypted: anyone who gets the file can read it. Delete it once it has served.</source>
        <translation>已写出 %1。该文件未加密：任何拿到它的人都能阅读。用完后请删除。</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>正在写出 %1…</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Back up the key file</source>
        <translation>备份密钥文件</translation>
    </message>
    <message>
        <source>Key file backups (*.backup);;All files (*)</source>
        <translation>密钥文件备份 (*.backup);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Wrote %1.</source>
        <translation>已写出 %1。</translation>
    </message>
    <message>
        <source>Key file backed up</source>
        <translation>密钥文件已备份</translation>
    </message>
    <message>
        <source>Wrote a copy of the key file to %1. It opens nothing without the passphrase, and brings back a lost or damaged key file (dossier key-restore).</source>
        <translation>已把密钥文件的副本写到 %1。没有口令它什么也打不开；密钥文件丢失或损坏时可用它恢复（dossier key-restore）。</translation>
    </message>
    <message>
        <source>Backing up the key file</source>
        <translation>正在备份密钥文件</translation>
    </message>
    <message>
        <source>Restore key file: the store</source>
        <translation>恢复密钥文件：选择档案库</translation>
    </message>
    <message>
        <source>Restore key file: the copy made by Back up key file</source>
        <translation>恢复密钥文件：选择“备份密钥文件”所做的副本</translation>
    </message>
    <message>
        <source>Restore key file</source>
        <translation>恢复密钥文件</translation>
    </message>
    <message>
        <source>The passphrase of %1:</source>
        <translation>%1 的口令：</translation>
    </message>
    <message>
        <source>Locked to restore its key file.</source>
        <translation>已锁定，以便恢复其密钥文件。</translation>
    </message>
    <message>
        <source>Restored %1.</source>
        <translation>已恢复 %1。</translation>
    </message>
    <message>
        <source>Restored %1. The key file it replaced is kept as %2.</source>
        <translation>已恢复 %1。被替换的密钥文件保存为 %2。</translation>
    </message>
    <message>
        <source>Key file restored</source>
        <translation>密钥文件已恢复</translation>
    </message>
    <message>
        <source>Restoring the key file</source>
        <translation>正在恢复密钥文件</translation>
    </message>
    <message>
        <source>Checking the passphrase and the copy…</source>
        <translation>正在核对口令和副本…</translation>
    </message>
    <message>
        <source>Restore failed</source>
        <translation>恢复失败</translation>
    </message>
</context>
<context>
    <name>StorePage</name>
    <message>
        <source>Where and passphrase</source>
        <translation>位置和口令</translation>
    </message>
    <message>
        <source>C&amp;reate the dossier</source>
        <translation>创建档案库(&amp;R)</translation>
    </message>
    <message>
        <source>Store file</source>
        <translation>档案库文件</translation>
    </message>
    <message>
        <source>The new store file; its key file is written beside it</source>
        <translation>新的档案库文件；其密钥文件会写在它旁边</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <source>A&amp;gain:</source>
        <translation>再次输入(&amp;G)：</translation>
    </message>
    <message>
        <source>Choose where to keep the dossier and the passphrase that opens it.</source>
        <translation>请选择档案库的存放位置，以及打开它的口令。</translation>
    </message>
    <message>
        <source>Where to keep the new dossier</source>
        <translation>新档案库的存放位置</translation>
    </message>
    <message>
        <source>Choose where to keep the dossier.</source>
        <translation>请选择档案库的存放位置。</translation>
    </message>
    <message>
        <source>Give the full path of the new file, or choose it with Browse…</source>
        <translation>请输入新文件的完整路径，或点击“浏览…”选择。</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>文件夹 %1 不存在。</translation>
    </message>
    <message>
        <source>%1 already exists; choose another name.</source>
        <translation>%1 已存在；请换一个名称。</translation>
    </message>
</context>
<context>
    <name>TimelineFields</name>
    <message>
        <source>optional: when it became known, if later</source>
        <translation>可选：若较晚得知，填写得知日期</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>报道日期</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>判决结果</translation>
    </message>
    <message>
        <source>suspended sentence: e.g. P4Y, 缓刑四年</source>
        <translation>缓刑：例如 P4Y、缓刑四年</translation>
    </message>
    <message>
        <source>Probation</source>
        <translation>缓刑考验期</translation>
    </message>
    <message>
        <source>e.g. P5Y, 剥夺政治权利五年</source>
        <translation>例如 P5Y、剥夺政治权利五年</translation>
    </message>
    <message>
        <source>Deprivation of political rights</source>
        <translation>剥夺政治权利</translation>
    </message>
    <message>
        <source>Whereabouts</source>
        <translation>下落</translation>
    </message>
    <message>
        <source>— as the event type implies —</source>
        <translation>— 依事件类型而定 —</translation>
    </message>
    <message>
        <source>open-ended measure: last confirmed on</source>
        <translation>无期限措施：最后确认日期</translation>
    </message>
    <message>
        <source>Last confirmed</source>
        <translation>最后确认</translation>
    </message>
    <message>
        <source>e.g. Tianjin No. 2 Intermediate People's Court</source>
        <translation>例如：天津市第二中级人民法院</translation>
    </message>
    <message>
        <source>e.g. Linyi Prison, Tianjin No. 1 Detention Centre</source>
        <translation>例如：临沂监狱、天津市第一看守所</translation>
    </message>
    <message>
        <source>&amp;Reported:</source>
        <translation>报道日期(&amp;R)：</translation>
    </message>
    <message>
        <source>Out&amp;come:</source>
        <translation>判决结果(&amp;C)：</translation>
    </message>
    <message>
        <source>Pro&amp;bation:</source>
        <translation>缓刑考验期(&amp;B)：</translation>
    </message>
    <message>
        <source>Political ri&amp;ghts:</source>
        <translation>剥夺政治权利(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Whereabouts:</source>
        <translation>下落(&amp;W)：</translation>
    </message>
    <message>
        <source>Last con&amp;firmed:</source>
        <translation>最后确认(&amp;F)：</translation>
    </message>
    <message>
        <source>Cou&amp;rt:</source>
        <translation>法院(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Judge:</source>
        <translation>法官(&amp;J)：</translation>
    </message>
    <message>
        <source>Faci&amp;lity:</source>
        <translation>羁押场所(&amp;L)：</translation>
    </message>
</context>
<context>
    <name>TimelineWidget</name>
    <message>
        <source>Case timeline</source>
        <translation>案件时间轴</translation>
    </message>
    <message>
        <source>No dated events yet</source>
        <translation>尚无带日期的事件</translation>
    </message>
    <message>
        <source>{start} – until {end}</source>
        <translation>{start} – 至 {end}</translation>
    </message>
    <message>
        <source>{status} since {start} (as of {day})</source>
        <translation>{status}，自{start}起（截至{day}）</translation>
    </message>
    <message>
        <source>{status} from {start} to {end}</source>
        <translation>{status}，自{start}至{end}</translation>
    </message>
    <message>
        <source>{n} dated events</source>
        <translation>{n} 个带日期的事件</translation>
    </message>
</context>
<context>
    <name>Tools</name>
    <message>
        <source>New dossier</source>
        <translation>新建档案库</translation>
    </message>
    <message>
        <source>Open dossier</source>
        <translation>打开档案库</translation>
    </message>
    <message>
        <source>Import spreadsheet</source>
        <translation>导入表格</translation>
    </message>
    <message>
        <source>Spreadsheets and bundles (*.csv *.xlsx *.json);;All files (*)</source>
        <translation>表格和数据包 (*.csv *.xlsx *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Imported %1 new and %2 updated cases, %3 events, %4 sources.</source>
        <translation>已导入新案件 %1 个、更新案件 %2 个、事件 %3 个、来源 %4 个。</translation>
    </message>
    <message>
        <source>This import cannot be undone.</source>
        <translation>此次导入无法撤销。</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>未做任何修改。</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>Delete case</source>
        <translation>删除案件</translation>
    </message>
    <message>
        <source>Delete the case of %1 with all its events? You can undo this with Edit ▸ Undo.</source>
        <translation>删除 %1 的案件及其全部事件？可以通过“编辑 ▸ 撤销”恢复。</translation>
    </message>
    <message>
        <source>Deleted %1.</source>
        <translation>已删除 %1。</translation>
    </message>
    <message>
        <source>About Dossier</source>
        <translation>关于 Dossier</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Dossier %1&lt;/h3&gt;&lt;p&gt;Offline, encrypted case dossiers on detained and disappeared people, with briefing packets and signed share files.&lt;/p&gt;&lt;p&gt;Licence: GPL-3.0-or-later.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Dossier %1&lt;/h3&gt;&lt;p&gt;关于被拘押和失踪人士的离线加密案件档案，可生成简报并收发签名的共享文件。&lt;/p&gt;&lt;p&gt;许可证：GPL-3.0-or-later。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>TranslationEdit</name>
    <message>
        <source>The language of this version</source>
        <translation>此译本的语言</translation>
    </message>
    <message>
        <source>Translation</source>
        <translation>译文</translation>
    </message>
    <message>
        <source>Version in %1 (optional)</source>
        <translation>%1译本（可选）</translation>
    </message>
</context>
<context>
    <name>UnDraftDialog</name>
    <message>
        <source>UN communication draft</source>
        <translation>联合国来文草稿</translation>
    </message>
    <message>
        <source>Include confidential records</source>
        <translation>包含机密记录</translation>
    </message>
    <message>
        <source>Confidential events and the names of protected sources leave the store only if you tick this</source>
        <translation>只有勾选此项，机密事件和受保护来源的名称才会离开数据库</translation>
    </message>
    <message>
        <source>Name and address of the submitter</source>
        <translation>提交者的名称和地址</translation>
    </message>
    <message>
        <source>The submitter may be named</source>
        <translation>可以公开提交者身份</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>已同意</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>不同意</translation>
    </message>
    <message>
        <source>Not asked yet</source>
        <translation>尚未询问</translation>
    </message>
    <message>
        <source>Recorded on the case (undoable): the mechanisms take cases from families or with their consent</source>
        <translation>记录在案例中（可撤销）：这些机制只受理家属提交或经家属同意提交的案例</translation>
    </message>
    <message>
        <source>Inquiries, complaints, petitions…</source>
        <translation>查询、投诉、申诉……</translation>
    </message>
    <message>
        <source>Domestic remedies tried and their results</source>
        <translation>已尝试的国内救济及其结果</translation>
    </message>
    <message>
        <source>Default: the case summary and its timeline</source>
        <translation>默认：案例简介及其时间线</translation>
    </message>
    <message>
        <source>Mechanism</source>
        <translation>机制</translation>
    </message>
    <message>
        <source>Facts as of</source>
        <translation>事实截至</translation>
    </message>
    <message>
        <source>Submitted by</source>
        <translation>提交者</translation>
    </message>
    <message>
        <source>Family's consent</source>
        <translation>家属同意</translation>
    </message>
    <message>
        <source>Steps by the family</source>
        <translation>家属采取的措施</translation>
    </message>
    <message>
        <source>Domestic remedies</source>
        <translation>国内救济</translation>
    </message>
    <message>
        <source>Warrant shown</source>
        <translation>是否出示令状</translation>
    </message>
    <message>
        <source>WGAD categories</source>
        <translation>任意拘留类别</translation>
    </message>
    <message>
        <source>Mandates</source>
        <translation>任务负责人</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>事实陈述</translation>
    </message>
    <message>
        <source>Checklist of required elements</source>
        <translation>必备要素清单</translation>
    </message>
    <message>
        <source>Saved files are not encrypted: keep them only as long as you need them.</source>
        <translation>保存的文件未加密：仅在需要时保留。</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>复制文本</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>保存PDF…</translation>
    </message>
    <message>
        <source>Save text…</source>
        <translation>保存文本…</translation>
    </message>
    <message>
        <source>Mark as sent…</source>
        <translation>标记为已发送…</translation>
    </message>
    <message>
        <source>WGEID — enforced disappearance</source>
        <translation>强迫失踪问题工作组——被迫失踪</translation>
    </message>
    <message>
        <source>WGAD — arbitrary detention</source>
        <translation>任意拘留问题工作组——任意拘留</translation>
    </message>
    <message>
        <source>Special Procedures — urgent appeal</source>
        <translation>特别程序——紧急呼吁</translation>
    </message>
    <message>
        <source>UN communication draft — %1</source>
        <translation>联合国来文草稿——%1</translation>
    </message>
    <message>
        <source>Missing: %1</source>
        <translation>缺少：%1</translation>
    </message>
    <message>
        <source>Could not make the draft: %1</source>
        <translation>无法生成草稿：%1</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>文本文件 (*.txt)</translation>
    </message>
    <message>
        <source>Save the draft</source>
        <translation>保存草稿</translation>
    </message>
    <message>
        <source>Saved to %1 (not encrypted)</source>
        <translation>已保存至%1（未加密）</translation>
    </message>
    <message>
        <source>Mark as sent</source>
        <translation>标记为已发送</translation>
    </message>
    <message>
        <source>Reference the UN gave (e.g. UA CHN 5/2018), if any:</source>
        <translation>联合国给出的编号（如 UA CHN 5/2018），如有：</translation>
    </message>
    <message>
        <source>Logged on the case as a UN action (Edit ▸ Undo takes it back).</source>
        <translation>已作为联合国行动记入案例（编辑 ▸ 撤销可取消）。</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <source>Add case {name}</source>
        <translation>添加案件 {name}</translation>
    </message>
    <message>
        <source>Edit case {name}</source>
        <translation>编辑案件 {name}</translation>
    </message>
    <message>
        <source>Delete case {name}</source>
        <translation>删除案件 {name}</translation>
    </message>
    <message>
        <source>Add event {what}</source>
        <translation>添加事件 {what}</translation>
    </message>
    <message>
        <source>Edit event {what}</source>
        <translation>编辑事件 {what}</translation>
    </message>
    <message>
        <source>Delete event {what}</source>
        <translation>删除事件 {what}</translation>
    </message>
    <message>
        <source>Edit source {title}</source>
        <translation>编辑来源 {title}</translation>
    </message>
    <message>
        <source>Add source {title}</source>
        <translation>添加来源 {title}</translation>
    </message>
    <message>
        <source>Attach {n} file(s)</source>
        <translation>附加 {n} 个文件</translation>
    </message>
    <message>
        <source>Import {name}</source>
        <translation>导入 {name}</translation>
    </message>
    <message>
        <source>Draft from statement: {title}</source>
        <translation>从声明起草：{title}</translation>
    </message>
    <message>
        <source>Merge {b} into {a}</source>
        <translation>将 {b} 并入 {a}</translation>
    </message>
    <message>
        <source>Link {a} and {b}</source>
        <translation>关联 {a} 与 {b}</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Unlock — Dossier</source>
        <translation>解锁 — Dossier</translation>
    </message>
    <message>
        <source>An older copy of the store</source>
        <translation>较旧的存储副本</translation>
    </message>
    <message>
        <source>This copy of the store is older than the one this computer last saw. Someone may have put an old copy back to hide later changes — or you restored it yourself.

Did you restore it from your own backup on purpose?</source>
        <translation>此存储副本比这台电脑上次看到的版本更旧。可能有人放回了旧副本以掩盖之后的修改——也可能是您自己恢复的。

这是您有意从自己的备份中恢复的吗？</translation>
    </message>
</context>
<context>
    <name>UnlockPanel</name>
    <message>
        <source>Unlock the dossier</source>
        <translation>解锁档案库</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>The passphrase of this store</source>
        <translation>该档案库的口令</translation>
    </message>
    <message>
        <source>Unlocking</source>
        <translation>正在解锁</translation>
    </message>
    <message>
        <source>Type the passphrase first.</source>
        <translation>请先输入口令。</translation>
    </message>
</context>
<context>
    <name>WelcomeWidget</name>
    <message>
        <source>Dossier</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Encrypted case files on detained and disappeared people: timelines, sources, alerts and briefings, kept on this computer only.</source>
        <translation>关于被拘押和失踪人士的加密案件档案：时间轴、来源、警示和简报，只保存在这台电脑上。</translation>
    </message>
    <message>
        <source>Set up a new dossier…</source>
        <translation>设置新档案库…</translation>
    </message>
    <message>
        <source>Create a new encrypted store, your identity and a backup of its key</source>
        <translation>创建新的加密档案库、您的身份及其密钥备份</translation>
    </message>
    <message>
        <source>Open dossier…</source>
        <translation>打开档案库…</translation>
    </message>
    <message>
        <source>Open an existing store file</source>
        <translation>打开已有的档案库文件</translation>
    </message>
    <message>
        <source>Open the demo</source>
        <translation>打开演示</translation>
    </message>
    <message>
        <source>Five public cases from the February 2018 NGO letter (passphrase: demo)</source>
        <translation>2018年2月非政府组织联名信中的五个公开案件（口令：demo）</translation>
    </message>
    <message>
        <source>Recent dossiers</source>
        <translation>最近的档案库</translation>
    </message>
    <message>
        <source>Double-click or press Enter to open</source>
        <translation>双击或按回车打开</translation>
    </message>
    <message>
        <source>This file is not there any more</source>
        <translation>该文件已不存在</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <source>Dossier hit an error</source>
        <translation>Dossier 出错了</translation>
    </message>
    <message>
        <source>Something went wrong. Your dossier is safe: every change is saved in one step or not at all.

The report below holds no case data (only versions and where in the program it happened). You may copy it and send it to the developers.</source>
        <translation>出了点问题。您的档案是安全的：每次更改要么一次性完整保存，要么完全不保存。

下面的报告不含任何案件数据（只有版本号和程序出错的位置）。您可以复制它并发送给开发者。</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>复制报告</translation>
    </message>
</context>
</TS>