// The console: a small read-only page like DevTools' cloud console, showing collections and
// their documents, the outbox of subscribe messages, files, and recent invocations.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { EJSON } from 'bson'
import { isLoopback, sendJson } from './http'
import type { LocalCloud } from './server'

export function consoleApi(cloud: LocalCloud, req: IncomingMessage, res: ServerResponse, url: URL): void {
  if (!isLoopback(req) || req.method !== 'GET') return sendJson(res, 403, { message: 'forbidden' })
  const p = url.pathname.slice('/console/api/'.length)
  if (p === 'collections') {
    return sendJson(
      res,
      200,
      [...cloud.store.collections.values()]
        .map((c) => ({ name: c.name, count: c.docs.size, indexes: c.indexes.map((i) => i.spec) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    )
  }
  if (p.startsWith('collections/')) {
    const name = decodeURIComponent(p.slice('collections/'.length))
    if (!cloud.store.has(name)) return sendJson(res, 404, { message: 'no such collection' })
    const skip = Math.max(0, Number(url.searchParams.get('skip')) || 0)
    const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit')) || 20))
    const docs = [...cloud.store.get(name).docs.values()]
    return sendJson(res, 200, {
      total: docs.length,
      docs: docs.slice(skip, skip + limit).map((d) => EJSON.serialize(d, { relaxed: true })),
    })
  }
  if (p === 'outbox') return sendJson(res, 200, [...cloud.outbox].reverse())
  if (p === 'subscriptions') {
    return sendJson(res, 200, { templates: cloud.subscriptions.templates, events: [...cloud.subscriptions.events].reverse().slice(0, 300) })
  }
  if (p === 'reads') return sendJson(res, 200, [...cloud.cappedReads].reverse())
  if (p === 'files') return sendJson(res, 200, cloud.storage.list().slice(0, 200))
  if (p === 'invocations') return sendJson(res, 200, [...cloud.runtime.recent].reverse().slice(0, 200))
  if (p === 'logs') return sendJson(res, 200, cloud.runtime.logLines.slice(-500))
  sendJson(res, 404, { message: 'unknown' })
}

export function renderConsole(): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>本地云控制台 · 乡青汇</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>
 body{font:14px/1.5 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2329;background:#f5f6f7}
 header{background:#c8342b;color:#fff;padding:12px 20px;font-size:16px;font-weight:600}
 nav{display:flex;gap:4px;padding:8px 20px;background:#fff;border-bottom:1px solid #e5e6eb}
 nav button{border:0;background:none;padding:6px 12px;border-radius:6px;cursor:pointer;font-size:14px}
 nav button.on{background:#fdecea;color:#c8342b;font-weight:600}
 main{display:flex;gap:16px;padding:16px 20px}
 aside{width:220px;flex:none}
 aside div{padding:6px 10px;border-radius:6px;cursor:pointer;display:flex;justify-content:space-between}
 aside div.on,aside div:hover{background:#fff}
 section{flex:1;min-width:0}
 pre{background:#fff;border:1px solid #e5e6eb;border-radius:8px;padding:10px;margin:0 0 8px;white-space:pre-wrap;word-break:break-all;font-size:12px}
 table{width:100%;border-collapse:collapse;background:#fff;border-radius:8px;overflow:hidden}
 td,th{padding:6px 10px;border-bottom:1px solid #f0f1f2;text-align:left;vertical-align:top;font-size:13px}
 .muted{color:#86909c}.bad{color:#c8342b}.ok{color:#1a7f37}
 .pager{margin:8px 0;display:flex;gap:8px;align-items:center}
</style></head><body>
<header>本地云控制台 <span style="font-weight:400;opacity:.8">· 只读</span></header>
<nav id="tabs"></nav><main id="main"></main>
<script>
const tabs={db:'数据库',outbox:'订阅消息',files:'文件',calls:'调用记录',reads:'读取上限',logs:'日志'};
let tab='db',coll=null,skip=0;
const $=(h)=>{const t=document.createElement('template');t.innerHTML=h.trim();return t.content.firstChild};
const esc=(s)=>String(s).replace(/[&<>"]/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
const get=(p)=>fetch('/console/api/'+p).then(r=>r.json());
function nav(){const n=document.getElementById('tabs');n.innerHTML='';for(const[k,v]of Object.entries(tabs)){const b=$('<button>'+v+'</button>');if(k===tab)b.className='on';b.onclick=()=>{tab=k;render()};n.append(b)}}
async function render(){nav();const m=document.getElementById('main');m.innerHTML='<p class="muted">加载中…</p>';
 if(tab==='db'){const cs=await get('collections');if(!coll&&cs.length)coll=cs[0].name;
  const a=$('<aside></aside>');for(const c of cs){const d=$('<div><span>'+esc(c.name)+'</span><span class="muted">'+c.count+'</span></div>');if(c.name===coll)d.className='on';d.onclick=()=>{coll=c.name;skip=0;render()};a.append(d)}
  const s=$('<section></section>');if(coll){const r=await get('collections/'+encodeURIComponent(coll)+'?skip='+skip+'&limit=20');
   const p=$('<div class="pager"><button>上一页</button><span class="muted">'+(r.total?skip+1:0)+'–'+Math.min(skip+20,r.total)+' / 共 '+r.total+' 条</span><button>下一页</button></div>');
   p.children[0].onclick=()=>{skip=Math.max(0,skip-20);render()};p.children[2].onclick=()=>{if(skip+20<r.total){skip+=20;render()}};s.append(p);
   for(const d of r.docs)s.append($('<pre>'+esc(JSON.stringify(d,null,2))+'</pre>'));if(!r.docs.length)s.append($('<p class="muted">该集合暂无记录</p>'))}
  m.innerHTML='';m.append(a,s);return}
 if(tab==='outbox'){const o=await get('outbox');const sub=await get('subscriptions');m.innerHTML='';const s=$('<section></section>');
  const ev={answer:'用户授权',sent:'已发送',refused:'被拒收'};const t=$('<table><tr><th>时间</th><th>用户</th><th>模板</th><th>事件</th><th>说明</th></tr></table>');
  for(const x of sub.events)t.append($('<tr><td>'+new Date(x.at).toLocaleTimeString()+'</td><td class="muted">'+esc(x.openid)+'</td><td>'+esc(x.title+' '+x.templateId)+'</td><td class="'+(x.type==='refused'?'bad':x.type==='sent'?'ok':'')+'">'+ev[x.type]+'</td><td class="muted">'+esc(x.type==='answer'?(x.answer==='accept'?'允许':'拒绝'):x.type==='sent'?'剩余次数 '+(x.left==='long-term'?'长期':x.left):x.errcode+' '+x.errmsg)+'</td></tr>'));
  if(!sub.events.length)t.append($('<tr><td colspan="5" class="muted">还没有授权或发送</td></tr>'));
  s.append($('<p class="muted">已登记模板：'+esc(sub.templates.map(x=>x.title+'（'+x.id+'，'+(x.kind==='one-time'?'一次性':'长期')+'）').join('、'))+'。一次性模板每次授权只能发一条；未授权的发送以 43101 被拒。</p>'),t,$('<h3>已发送的消息</h3>'));
  if(!o.length)s.append($('<p class="muted">还没有发出订阅消息</p>'));for(const x of o)s.append($('<pre>'+esc(x.at+'  → '+x.touser+'  模板 '+x.templateId+(x.page?'  页面 '+x.page:'')+'\\n'+JSON.stringify(x.data,null,2))+'</pre>'));m.append(s);return}
 if(tab==='files'){const f=await get('files');m.innerHTML='';const t=$('<table><tr><th>文件 ID</th><th>大小</th><th>时间</th></tr></table>');
  for(const x of f)t.append($('<tr><td>'+esc(x.fileID)+'</td><td>'+x.size+' B</td><td>'+new Date(x.updatedAt).toLocaleString()+'</td></tr>'));if(!f.length)t.append($('<tr><td colspan="3" class="muted">暂无文件</td></tr>'));const s=$('<section></section>');s.append(t);m.append(s);return}
 if(tab==='calls'){const c=await get('invocations');m.innerHTML='';const t=$('<table><tr><th>时间</th><th>函数</th><th>调用者</th><th>耗时</th><th>结果</th><th>数据库请求</th></tr></table>');
  for(const x of c)t.append($('<tr><td>'+new Date(x.startedAt).toLocaleTimeString()+'</td><td>'+esc(x.functionName)+'</td><td class="muted">'+esc(x.caller.openid||x.caller.source)+'</td><td>'+x.durationMs+' ms'+(x.cold?' <span class="muted">冷启动</span>':'')+'</td><td class="'+(x.ok?'ok':'bad')+'">'+(x.ok?'成功':esc(x.errorCode+' '+(x.errorMessage||'').split('\\n')[0]))+'</td><td class="muted">'+x.dbRequests.map(r=>esc(r.action.replace('database.','')+(r.collection?' '+r.collection:''))).join('<br>')+'</td></tr>'));
  if(!c.length)t.append($('<tr><td colspan="6" class="muted">暂无调用</td></tr>'));const s=$('<section></section>');s.append(t);m.append(s);return}
 if(tab==='reads'){const r=await get('reads');m.innerHTML='';const t=$('<table><tr><th>时间</th><th>函数</th><th>情形</th><th>集合</th><th>要求 / 上限（或扫描 / 命中）</th><th>查询</th></tr></table>');
  for(const x of r)t.append($('<tr><td>'+new Date(x.at).toLocaleTimeString()+'</td><td>'+esc(x.functionName?x.functionName+'.'+(x.action||'?'):'（函数之外）')+'</td><td class="'+(x.kind==='cut'?'muted':'bad')+'">'+(x.kind==='over-cap'?'要求超过上限':x.kind==='unindexed-scan'?'无索引扫描大集合':'答案被上限截断')+'</td><td>'+esc(x.request+' '+x.collection)+'</td><td>'+(x.kind==='unindexed-scan'?'扫描 '+x.examined+'，命中 '+x.matched:(x.requested===undefined?'未设':x.requested)+' / '+x.cap)+'</td><td class="muted">'+esc(x.query)+'</td></tr>'));
  if(!r.length)t.append($('<tr><td colspan="6" class="muted">没有超过平台上限的读取，也没有无索引扫描大集合的查询</td></tr>'));const s=$('<section></section>');s.append($('<p class="muted">云函数单次 get() 最多返回 100 条，聚合最多 10000 条（不设 limit 时 20 条），多出的部分平台不报错、直接截断。声明为大集合（scale: large）的集合上，没有索引可用的查询也列在这里。</p>'),t);m.append(s);return}
 if(tab==='logs'){const l=await get('logs');m.innerHTML='';const s=$('<section></section>');s.append($('<pre>'+esc(l.join('\\n')||'暂无日志')+'</pre>'));m.append(s)}}
render();
</script></body></html>`
}
