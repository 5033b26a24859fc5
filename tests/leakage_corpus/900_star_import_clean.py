# expect: clean
from sklearn.preprocessing import *
from mytools import *
import sklearn

X = load_everything()
X = fancy_transform(X)
a, b = custom_split(X)
scaler = StandardScaler()
scaler.fit(a)
