# expect: TFL103
import numpy as np
from sklearn.model_selection import KFold
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import Lasso

X = np.load("X.npy"); y = np.load("y.npy")
kf = KFold(n_splits=5)
for tr_idx, va_idx in kf.split(X):
    scaler = StandardScaler().fit(X[tr_idx])
    X_tr = scaler.transform(X[tr_idx])
    X_va = StandardScaler().fit_transform(X[va_idx])
    print(Lasso().fit(X_tr, y[tr_idx]).score(X_va, y[va_idx]))
