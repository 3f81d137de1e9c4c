from ninja import Router

router = Router(tags=["directory"])
public_router = Router(tags=["public directory"], auth=None)
