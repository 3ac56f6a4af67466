"""The analytics pages."""

from fastapi import APIRouter, Depends

from netplus.web.security import csrf_protect

router = APIRouter(include_in_schema=False, dependencies=[Depends(csrf_protect)])
