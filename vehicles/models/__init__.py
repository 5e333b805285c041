from vehicles.models.catalogue import Option, ProductLine, ProductModel
from vehicles.models.service import (
    RepairLine,
    RepairOrder,
    RepairOrderEvent,
    ServiceContract,
    ServiceRequest,
    WarrantyClaim,
    WarrantyClaimEvent,
)
from vehicles.models.units import Unit, UnitEvent, UnitGroupObjectPermission, UnitUserObjectPermission

__all__ = [
    "Option", "ProductLine", "ProductModel", "RepairLine", "RepairOrder", "RepairOrderEvent", "ServiceContract",
    "ServiceRequest",
    "Unit", "UnitEvent", "UnitGroupObjectPermission", "UnitUserObjectPermission", "WarrantyClaim",
    "WarrantyClaimEvent",
]
