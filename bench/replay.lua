-- Replays the requests listed in the file named by BENCH_REQUESTS, one per line:
-- METHOD <tab> PATH <tab> BEARER TOKEN <tab> JSON BODY (may be empty). Each thread starts at a
-- random line and walks the list, so the load spreads over many users. The token goes both as a bearer
-- token (the API) and as the session cookie (the pages).
local requests = {}
local i = 0

init = function(args)
  for line in io.lines(os.getenv("BENCH_REQUESTS")) do
    local method, path, token, body = line:match("^(%S+)\t(%S+)\t(%S+)\t?(.*)$")
    local headers = {["Authorization"] = "Bearer " .. token, ["Cookie"] = "netplus_session=" .. token,
                     ["Content-Type"] = "application/json"}
    if body == "" then body = nil end
    table.insert(requests, wrk.format(method, path, headers, body))
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
  i = math.random(#requests)
end

request = function()
  i = i % #requests + 1
  return requests[i]
end
