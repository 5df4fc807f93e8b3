"""Work-order domain models. (Skeleton: filled in by the work-orders work.)"""
