-- wrk script for bench/run-page-bench (issue 6). Prints one line for the harness:
--   result requests=N seconds=S rps=R p50_us=A p99_us=B bytes_per_response=C errors=E non2xx=F
-- and, with PATHS set, requests the paths listed in that file (one per line) instead of the
-- URL's path: thread k of WRK_THREADS takes lines k, k + WRK_THREADS, ..., its connections
-- cycling through that share.
--
-- DELAY_MS set: requests paced (below), for latency at the same offered load.
--
-- ONCE_FILE set (with PATHS): every path once. A thread stops after as many responses as it
-- has paths and appends "responses=N bad=B" to ONCE_FILE (bad: status 400 or above); the
-- last thread to finish ends wrk with os.exit, so the caller times wrk's whole run and no
-- done() line is printed. wrk itself only stops at -d. A connection of a finished thread
-- may have one more request in flight: it is neither counted nor waited for.
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local paths = {}
local index = 0
local seen = 0

function init(args)
  local file = os.getenv("PATHS")
  if file == nil or file == "" then return end
  local count = tonumber(os.getenv("WRK_THREADS") or "1")
  local n = 0
  for line in io.lines(file) do
    if n % count == id then table.insert(paths, line) end
    n = n + 1
  end
  if #paths == 0 then error("no paths for thread " .. id .. " in " .. file) end
end

function request()
  if #paths == 0 then return wrk.format(nil) end
  index = index % #paths + 1
  return wrk.format(nil, paths[index])
end

-- DELAY_MS set: each connection waits that many milliseconds after a response before it sends
-- the next request, so the offered load is at most connections * 1000 / DELAY_MS requests a
-- second, whichever server answers. wrk's latency still runs from each request's send.
local delay_ms = tonumber(os.getenv("DELAY_MS") or "")
if delay_ms ~= nil then
  function delay() return delay_ms end
end

local once_file = os.getenv("ONCE_FILE")
if once_file ~= nil and once_file ~= "" then
  local bad = 0
  function response(status, headers, body)
    seen = seen + 1
    if status >= 400 then bad = bad + 1 end
    if seen == #paths then
      local f = assert(io.open(once_file, "a"))
      f:write(string.format("responses=%d bad=%d\n", seen, bad))
      f:close()
      local finished = 0
      for _ in io.lines(once_file) do finished = finished + 1 end
      if finished >= tonumber(os.getenv("WRK_THREADS") or "1") then
        io.stdout:flush()
        os.exit(0)
      end
      wrk.thread:stop()
    end
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "result requests=%d seconds=%.3f rps=%.1f p50_us=%d p99_us=%d max_us=%d " ..
    "bytes_per_response=%.0f errors=%d non2xx=%d\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50),
    latency:percentile(99), latency.max, summary.bytes / math.max(summary.requests, 1),
    e.connect + e.read + e.write + e.timeout, e.status))
end
